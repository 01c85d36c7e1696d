#!/usr/bin/env node
// The `depeche` command: its TypeScript runs from bundles compiled ahead whenever the sources
// change (src/threads/compiled.js), else through tsx. A large archive's build or check runs again
// in a child with malloc's huge pages (src/threads/huge-pages.js), before anything else is loaded.
import { relaunchWithHugePages } from "../src/threads/huge-pages.js";

async function run() {
  const { COMMAND_LIBRARIES, runTypeScript } = await import("../src/threads/run-typescript.js");
  await runTypeScript(new URL("../src/cli/main.ts", import.meta.url), COMMAND_LIBRARIES.get(process.argv[2]) ?? []);
}

if (!relaunchWithHugePages(process.argv.slice(2), run)) await run();
