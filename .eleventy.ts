/** Wires Dépêche's modules into Eleventy: directories, template format, data. No logic here. */
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { EleventyConfig, TemplateModule } from "./src/pages/eleventy-config.ts";
import { currentBuild } from "./src/pages/current-build.ts";
import { createMarkdown } from "./src/text/markdown.ts";

export const config = {
  // The tool's own templates, wherever the command is run from: a `templates/` folder in the
  // working directory is the user's, never code Dépêche runs.
  dir: { input: fileURLToPath(new URL("templates/", import.meta.url)) },
  // Article bodies are data rendered by our own markdown-it, never templates: no Liquid, no Nunjucks.
  markdownTemplateEngine: false,
  htmlTemplateEngine: false,
  // Templates never see the working directory's package.json (Eleventy's `pkg` data).
  keys: { package: false },
};

// Each template is imported once per thread. Eleventy's own engine for `11ty.js` imports it again
// on every run (a build is several runs), and wraps every page's render in its filters.
const templates = new Map<string, Promise<TemplateModule>>();
function importTemplate(inputPath: string): Promise<TemplateModule> {
  let template = templates.get(inputPath);
  if (!template) templates.set(inputPath, (template = import(pathToFileURL(resolve(inputPath)).href)));
  return template;
}

export default function depeche(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addExtension("11ty.ts", {
    outputFileExtension: "html",
    read: false,
    getData: true,
    getInstanceFromInputPath: importTemplate,
    compileOptions: { cache: true },
    compile: async (_source, inputPath) => {
      const { render } = await importTemplate(inputPath);
      // Eleventy holds every page of a run until it writes them. As UTF-8 bytes, a page is half
      // the size of the string (one ’ makes it two bytes a character) and lives outside the heap,
      // so the garbage collector neither copies it nor keeps the pieces it was joined from.
      return (data) => {
        const page = Buffer.from(render(data));
        currentBuild()?.onPage?.();
        return page;
      };
    },
  });
  eleventyConfig.setTemplateFormats("11ty.ts");
  eleventyConfig.setLibrary("md", createMarkdown());
  eleventyConfig.setQuietMode(true);
  // The working directory's .gitignore is the user's project, not a list of Dépêche's templates.
  eleventyConfig.setUseGitIgnore(false);
  // Run directly (`npx @11ty/eleventy`), the adapter plans the site from content/ itself; imported
  // only then, so that a build's helper threads don't load the whole content pipeline.
  // Frozen, Eleventy hands it to templates as it is, instead of wrapping it in a new Proxy per page.
  eleventyConfig.addGlobalData("depeche", async () => Object.freeze(currentBuild()?.data ?? (await (await import("./src/plan/plan-site.ts")).planSiteFromFolder("content"))));
}
