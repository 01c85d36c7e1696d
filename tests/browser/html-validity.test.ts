/** The Nu HTML Checker (vnu-jar, run with the machine's Java) on every page of both test sites: no error. */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onceForAll, requireJava } from "../helpers/prerequisites.ts";
import { buildTestSites, htmlFiles, type PageKind, type TestSite } from "../helpers/test-sites.ts";

const VNU_JAR: string = createRequire(import.meta.url)("vnu-jar");

interface VnuMessage {
  type: "error" | "info" | "non-document-error";
  subType?: "warning" | "fatal" | "io" | "schema" | "internal";
  url: string;
  firstLine?: number;
  lastLine: number;
  firstColumn?: number;
  lastColumn?: number;
  message: string;
  extract?: string;
}

let sites: Awaited<ReturnType<typeof buildTestSites>>;
let messages: VnuMessage[] = [];
let checked = 0;

/** Runs vnu once on many files (one Java start); its JSON report lists every message. */
function runVnu(java: string, files: string[]): Promise<VnuMessage[]> {
  return new Promise((resolve, reject) => {
    // The checker's schema needs a deeper stack than Java's default on some machines.
    const child = spawn(java, ["-Xss2m", "-jar", VNU_JAR, "--format", "json", "--stdout", ...files], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk));
    child.on("error", reject);
    child.on("close", () => {
      try {
        resolve((JSON.parse(out) as { messages: VnuMessage[] }).messages);
      } catch {
        reject(new Error(`the Nu HTML Checker gave no report:\n${err.slice(0, 2000)}`));
      }
    });
  });
}

const INVALID_PAGE = `<!doctype html><html lang="fr"><head><title>x</title></head><body><p><div>bloc dans un paragraphe</div></p><img src="x.png"></body></html>`;

// Java is looked for first: when it is missing every test says what to install.
const ready = onceForAll(async () => {
  const java = requireJava();
  sites = await buildTestSites();
  const files = [sites.sample, sites.generated].flatMap((site) => htmlFiles(site.out).map((f) => join(site.out, f)));
  checked = files.length;
  // A page known to be invalid goes along: it proves errors are found and read back.
  writeFileSync(join(sites.generated.out, "invalide.html"), INVALID_PAGE);
  messages = await runVnu(java, [...files, join(sites.generated.out, "invalide.html")]);
});

beforeAll(() => ready().catch(() => undefined), 240_000);
afterAll(() => sites?.remove());

/** `site /url:line:col: message` for each error on the pages of one site (all of them, or one URL). */
function errorsOf(site: TestSite, url?: string): string[] {
  const prefix = `file:${site.out}`;
  const file = url === undefined ? undefined : `${prefix}${url.endsWith("/") ? `${url}index.html` : url}`;
  return messages
    .filter((m) => m.type !== "info" && m.url.startsWith(prefix) && (file === undefined || m.url === file))
    .map(
      (m) =>
        `${site.name} ${m.url.slice(prefix.length)}:${m.lastLine}:${m.firstColumn ?? m.lastColumn ?? 0}: ${m.type}: ${m.message}${m.extract ? `\n    ${m.extract.replace(/\n/g, " ")}` : ""}`,
    );
}

const KINDS: PageKind[] = [
  "home",
  "article",
  "day",
  "month",
  "year",
  "topic",
  "topic-page-2",
  "source",
  "topics",
  "sources",
  "search",
  "not-found",
  "redirect",
];

describe("the Nu HTML Checker", () => {
  it("checked every page of both sites, and finds the errors of an invalid page", async () => {
    await ready();
    expect(checked).toBeGreaterThan(100);
    expect(errorsOf(sites.generated, "/invalide.html").join("\n")).toMatch(/error: An “img” element must have an “alt” attribute/);
    const warnings = messages.filter((m) => m.type === "info" && m.subType === "warning");
    if (warnings.length > 0) console.info(`vnu: ${warnings.length} warning(s), e.g. ${warnings[0]!.url}: ${warnings[0]!.message}`);
  });

  it.each(KINDS)("finds no error on the %s page of the generated site", async (kind) => {
    await ready();
    const url = sites.generated.kinds[kind];
    expect(url, `no ${kind} page`).toBeDefined();
    const errors = errorsOf(sites.generated, url);
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it.each(["sample", "generated"] as const)("finds no error on any page of the %s site", async (name) => {
    await ready();
    const errors = errorsOf(sites[name]).filter((e) => !e.includes("/invalide.html:"));
    expect(errors, errors.join("\n")).toEqual([]);
  });
});
