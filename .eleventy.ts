/** Wires Dépêche's modules into Eleventy: directories, template format, data. No logic here. */
import type { EleventyConfig } from "./src/build/eleventy-config.ts";
import { currentBuild } from "./src/build/current-build.ts";
import { createMarkdown } from "./src/text/markdown.ts";

export const config = {
  dir: { input: "templates" },
  // Article bodies are data rendered by our own markdown-it, never templates: no Liquid, no Nunjucks.
  markdownTemplateEngine: false,
  htmlTemplateEngine: false,
};

export default function depeche(eleventyConfig: EleventyConfig): void {
  eleventyConfig.addExtension("11ty.ts", { key: "11ty.js" });
  eleventyConfig.setTemplateFormats("11ty.ts");
  eleventyConfig.setLibrary("md", createMarkdown());
  eleventyConfig.setQuietMode(true);
  // Run directly (`npx @11ty/eleventy`), the adapter plans the site from content/ itself; imported
  // only then, so that a build's helper threads don't load the whole content pipeline.
  // Frozen, Eleventy hands it to templates as it is, instead of wrapping it in a new Proxy per page.
  eleventyConfig.addGlobalData("depeche", async () => Object.freeze(currentBuild()?.data ?? (await (await import("./src/build/plan.ts")).planSiteFromFolder("content"))));
  eleventyConfig.addTransform("depeche-progress", (content: string) => {
    currentBuild()?.onPage?.();
    return content;
  });
}
