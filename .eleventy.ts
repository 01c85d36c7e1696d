/** Wires Dépêche into Eleventy: the templates directory and their format. No logic here. */
import { fileURLToPath } from "node:url";
import type { EleventyConfig } from "./src/pages/eleventy-config.ts";

export const config = {
  // The tool's own templates, wherever the command is run from: a `templates/` folder in the
  // working directory is the user's, never code Dépêche runs.
  dir: { input: fileURLToPath(new URL("templates/", import.meta.url)) },
  // Templates are Dépêche's own TypeScript, never Liquid or Nunjucks.
  markdownTemplateEngine: false,
  htmlTemplateEngine: false,
  // Templates never see the working directory's package.json (Eleventy's `pkg` data).
  keys: { package: false },
};

// Each run brings its own data and the engine of `11ty.ts` templates (src/pages/eleventy-engine.ts).
export default function depeche(eleventyConfig: EleventyConfig): void {
  eleventyConfig.setTemplateFormats("11ty.ts");
  eleventyConfig.setQuietMode(true);
  // Quiet mode silences only the timings Eleventy groups after it reads the configuration: the
  // group it makes before ("Configuration") still prints a line when a transform takes long (one
  // run of 500 pages of a 100,000-article build), in the middle of Dépêche's build output.
  for (const group of Object.values(eleventyConfig.benchmarkManager.getAll())) group.setIsVerbose(false);
  // The working directory's .gitignore is the user's project, not a list of Dépêche's templates.
  eleventyConfig.setUseGitIgnore(false);
}
