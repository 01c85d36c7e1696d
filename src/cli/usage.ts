import { parseArgs, type ParseArgsConfig } from "node:util";

/** A mistake in how the command was called: exit code 2. */
export class UsageError extends Error {}

const USAGE = `usage: depeche <command> [options]

  check  [--content DIR] [--json] [--annotate]         validate the archive, write nothing
  build  [--content DIR] [--out DIR] [--drafts | --record-urls] [--base-url URL] [--now ISO] [--no-search] [--cache DIR | --no-cache] [--json] [--annotate]
                                                       validate, then build the site; the build's
                                                       date (news sitemap) is --now, else
                                                       SOURCE_DATE_EPOCH, else the clock;
                                                       --record-urls (the deploy from main only)
                                                       adds the published URLs to urls.txt;
                                                       only what changed since the last build is
                                                       written (state in --cache, .depeche/cache);
                                                       photos are encoded once, kept there too
  import FILE… [--date ISO] [--topics a,b] [--content DIR] [--image FILE --credit "…" --alt "…" [--caption "…"]]
                                                       turn raw wire copy into articles; --image
                                                       copies the photo into content/images/YYYY/MM/
  new    "Titre" [--topics a,b] [--date ISO] [--content DIR]
                                                       create an article file ready to fill
  serve  [--content DIR] [--port N] [--out DIR] [--now ISO]
                                                       preview with live reload, drafts included;
                                                       its date as for build
  install-hook                                         check the archive before each git commit

  --json      the summary and every error as JSON on standard output
  --annotate  also print errors as GitHub Actions annotations (on by itself in Actions)
  NO_COLOR    set to anything to print without colours (colours only on a terminal anyway)
`;

export function printUsage(stream: NodeJS.WritableStream): void {
  stream.write(USAGE);
}

/** Parses options strictly: an unknown flag or a missing value is a usage error, not a guess. */
export function parseOptions<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split("\n")[0]);
  }
}
