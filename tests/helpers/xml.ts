/** XML checks for the tests: a strict well-formedness check, and xmllint against a schema where installed. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";

export const SCHEMAS = join(import.meta.dirname, "..", "fixtures", "sitemaps");

/** Whether xmllint (Debian libxml2-utils) is on this machine: schema checks run only then. */
export const hasXmllint = spawnSync("xmllint", ["--version"]).status === 0;

/** Throws unless the text is well-formed XML. */
export function assertWellFormed(xml: string): void {
  const result = XMLValidator.validate(xml);
  if (result !== true) throw new Error(`not well-formed XML: ${result.err.msg} (line ${result.err.line})`);
}

/** Parses XML keeping attributes (`@name`) and always making lists of the given element names. */
// biome-ignore lint/suspicious/noExplicitAny: tests walk parsed XML of every shape by name
export function parseXml(xml: string, lists: string[] = []): Record<string, any> {
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", parseTagValue: false, isArray: (name) => lists.includes(name) }).parse(xml);
}

/** xmllint's verdict on a document against an XSD: "" when valid, its messages otherwise. */
export function xmllintErrors(xml: string, schema: string): string {
  const dir = mkdtempSync(join(tmpdir(), "depeche-xml-"));
  try {
    const file = join(dir, "doc.xml");
    writeFileSync(file, xml);
    const run = spawnSync("xmllint", ["--noout", "--nonet", "--schema", join(SCHEMAS, schema), file], { encoding: "utf8" });
    return run.status === 0 ? "" : run.stderr;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
