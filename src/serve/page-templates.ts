import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BuildData } from "../plan/site-data.ts";
import type { SitePages } from "../plan/pages.ts";

const templatesDir = fileURLToPath(new URL("../../templates/", import.meta.url));

type RenderPage = (data: { entry: unknown; depeche: BuildData }) => string;

/**
 * The render function of each page kind, read from the same `templates/*.11ty.ts` files Eleventy
 * uses, so the dev server re-renders a changed page exactly as a full build would.
 */
export async function loadPageTemplates(): Promise<Map<keyof SitePages, RenderPage>> {
  const templates = new Map<keyof SitePages, RenderPage>();
  for (const file of readdirSync(templatesDir).filter((f) => f.endsWith(".11ty.ts")).sort()) {
    const module = (await import(pathToFileURL(join(templatesDir, file)).href)) as { data?: { pagination?: { data?: string } }; render?: RenderPage };
    const kind = module.data?.pagination?.data?.replace(/^depeche\.pages\./, "") as keyof SitePages | undefined;
    if (kind && module.render) templates.set(kind, module.render);
  }
  return templates;
}
