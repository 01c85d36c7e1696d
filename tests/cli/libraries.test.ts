import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HELPER_LIBRARIES } from "../../src/pages/write-pages.ts";
import { INDEXER_LIBRARIES } from "../../src/search/indexer.ts";
import { COMMAND_LIBRARIES, CONTENT_LIBRARIES } from "../../src/threads/run-typescript.js";

// Each command and each thread loads its libraries before tsx starts (src/threads/run-typescript.js);
// a library missing from its list still works, but loads through tsx, slower. The lists are
// checked here against the packages the module graph imports: our modules that each imports
// statically, and the libraries imported either way.
const root = fileURLToPath(new URL("../../", import.meta.url));
const dependencies = new Set(Object.keys(JSON.parse(readFileSync(join(root, "package.json"), "utf8")).dependencies as object));
// tsx is what the libraries are loaded before; esbuild compiles the TypeScript ahead
// (src/threads/compiled.js). Both start Dépêche's modules, they are not libraries those use.
dependencies.delete("tsx");
dependencies.delete("esbuild");
// Eleventy imports the configuration and the templates itself.
const ELEVENTY_RUN = "src/pages/write-pages.ts";
const eleventyModules = [
  ".eleventy.ts",
  ...readdirSync(join(root, "templates"))
    .filter((name) => name.endsWith(".ts"))
    .map((name) => `templates/${name}`),
];

const IMPORT = /^\s*import\s+(?!type\s)(?:[^"']*?\sfrom\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/gm;

/** The packages of package.json that these modules import, following their relative imports. */
function importedLibraries(entries: string[]): string[] {
  const seen = new Set<string>();
  const libraries = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (file === ELEVENTY_RUN) eleventyModules.forEach(visit);
    const source = readFileSync(join(root, file), "utf8");
    for (const match of source.matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2])!;
      // A module imported on demand (a fallback, a command of main.ts) is loaded on some runs only.
      if (specifier.startsWith(".")) {
        if (match[1] !== undefined) visit(relative(root, resolve(root, dirname(file), specifier)));
      } else {
        const name = specifier
          .split("/")
          .slice(0, specifier.startsWith("@") ? 2 : 1)
          .join("/");
        if (dependencies.has(name)) libraries.add(name);
      }
    }
  };
  entries.forEach(visit);
  return [...libraries].sort();
}

describe("the libraries loaded before tsx", () => {
  it.each([...COMMAND_LIBRARIES.keys()])("are those the %s command imports", (command) => {
    expect([...COMMAND_LIBRARIES.get(command)!].sort()).toEqual(importedLibraries([`src/cli/${command}.ts`]));
  });

  it.each([
    ["validation", "src/content/validate-thread.ts", CONTENT_LIBRARIES],
    ["page helper", "src/pages/helper-thread.ts", HELPER_LIBRARIES],
    ["search indexer", "src/search/indexer-thread.ts", INDEXER_LIBRARIES],
  ])("are those the %s thread imports", (_thread, entry, libraries) => {
    expect([...libraries].sort()).toEqual(importedLibraries([entry]));
  });
});
