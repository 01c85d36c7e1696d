import { basename } from "node:path";
import type { BuildData, TemplateData } from "../plan/site-data.ts";
import type { EleventyConfig, TemplateEngine } from "./eleventy-config.ts";
import { kindOfTemplateFile, renderPage, type PageKind } from "./page-templates.ts";
import { pathOfUrl } from "../urls/site-urls.ts";

/** What one Eleventy run writes: these planned pages, each counted as it is rendered. */
export interface EleventyRun {
  data: BuildData;
  onPage?: () => void;
}

/**
 * The configuration of one Eleventy run, given to Eleventy's constructor (`config`): the run's
 * pages as global data and the engine of `11ty.ts` templates. Frozen, the data reaches templates
 * as it is, instead of wrapped in a new Proxy per page.
 */
export function configureRun(run: EleventyRun): (eleventyConfig: EleventyConfig) => void {
  return (eleventyConfig) => {
    eleventyConfig.addExtension("11ty.ts", templateEngine(run.onPage));
    eleventyConfig.addGlobalData("depeche", Object.freeze(run.data));
  };
}

/**
 * The engine of `templates/*.11ty.ts`: each file renders the pages of its kind (PAGE_TEMPLATES),
 * one output file per planned page. Eleventy's own `11ty.js` engine imports every template again
 * on each run (a build is several runs) and wraps every render in its filters; here the templates
 * are the registry's, imported once per thread.
 */
function templateEngine(onPage?: () => void): TemplateEngine {
  return {
    outputFileExtension: "html",
    read: false,
    getData: true,
    getInstanceFromInputPath: async (inputPath) => ({ data: onePagePer(kindOfTemplateFile(basename(inputPath))) }),
    compileOptions: { cache: true },
    compile: async (_source, inputPath) => {
      const kind = kindOfTemplateFile(basename(inputPath));
      return (data) => {
        const { entry, depeche } = data as TemplateData<never>;
        const page = renderPage(kind, entry, depeche);
        onPage?.();
        return page;
      };
    },
  };
}

// One output file per planned page of the kind, at the page's URL (decoded: Eleventy writes a
// permalink's escapes as they are). Pages come from Dépêche's plan, so Eleventy's collections are
// skipped: building them doubles the cost.
function onePagePer(kind: PageKind): object {
  return {
    pagination: { data: `depeche.pages.${kind}`, size: 1, alias: "entry" },
    permalink: (d: TemplateData<{ url: string }>): string => pathOfUrl(d.entry.url),
    eleventyExcludeFromCollections: true,
  };
}
