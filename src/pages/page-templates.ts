import type { SitePages } from "../plan/pages.ts";
import type { BuildData, TemplateData } from "../plan/site-data.ts";
import * as notFound from "../../templates/404.11ty.ts";
import * as article from "../../templates/article.11ty.ts";
import * as day from "../../templates/day.11ty.ts";
import * as home from "../../templates/home.11ty.ts";
import * as index from "../../templates/index.11ty.ts";
import * as list from "../../templates/list.11ty.ts";
import * as month from "../../templates/month.11ty.ts";
import * as redirect from "../../templates/redirect.11ty.ts";
import * as search from "../../templates/search.11ty.ts";
import * as year from "../../templates/year.11ty.ts";

/**
 * Writes every planned page of `data` into `outDir`, each counted by `onPage` once written or
 * rendered. Two writers: Eleventy (`writeWithEleventy`), for every page of a clean build, and the
 * direct writer (`writePagesDirectly`), for the few pages an incremental build or the dev server
 * writes again. Both render through PAGE_TEMPLATES, so they write the same bytes.
 */
export type WritePages = (data: BuildData, outDir: string, onPage?: () => void) => Promise<void>;

/** A kind of page: a key of the plan, each with its template. */
export type PageKind = keyof SitePages;

/** The planned page of a kind. */
export type PageOf<K extends PageKind> = SitePages[K][number];

/** A template: one planned page, with the site, as HTML. */
export type RenderPage<P> = (data: TemplateData<P>) => string;

/** A page kind's template: its file in `templates/` (what Eleventy reads) and its render function. */
export interface PageTemplate<P> {
  file: string;
  render: RenderPage<P>;
}

/**
 * The template of every page kind: the one map both page writers use, Eleventy (which finds the
 * files) and the dev server's direct writer. A kind without a template does not type-check.
 */
export const PAGE_TEMPLATES: { readonly [K in PageKind]: PageTemplate<PageOf<K>> } = {
  articles: { file: "article.11ty.ts", render: article.render },
  home: { file: "home.11ty.ts", render: home.render },
  indexes: { file: "index.11ty.ts", render: index.render },
  lists: { file: "list.11ty.ts", render: list.render },
  years: { file: "year.11ty.ts", render: year.render },
  months: { file: "month.11ty.ts", render: month.render },
  days: { file: "day.11ty.ts", render: day.render },
  notFound: { file: "404.11ty.ts", render: notFound.render },
  redirects: { file: "redirect.11ty.ts", render: redirect.render },
  search: { file: "search.11ty.ts", render: search.render },
};

const kindOfFile = new Map(Object.entries(PAGE_TEMPLATES).map(([kind, t]) => [t.file, kind as PageKind]));

/** The page kind a template file renders; a file of `templates/` that no kind names is an error. */
export function kindOfTemplateFile(file: string): PageKind {
  const kind = kindOfFile.get(file);
  if (!kind) throw new Error(`templates/${file} is the template of no page kind (src/pages/page-templates.ts)`);
  return kind;
}

/**
 * One planned page as the bytes of its file. UTF-8 bytes rather than a string: Eleventy holds
 * every page of a run until it writes them, and a Buffer lives outside the heap at half the size
 * (one ’ makes a string two bytes a character), so the garbage collector neither copies it nor
 * keeps the pieces it was joined from.
 */
export function renderPage<K extends PageKind>(kind: K, page: PageOf<K>, depeche: BuildData): Buffer {
  return Buffer.from((PAGE_TEMPLATES[kind].render as RenderPage<PageOf<K>>)({ entry: page, depeche }));
}
