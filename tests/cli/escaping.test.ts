import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatForTerminal, githubAnnotation } from "../../src/cli/report.ts";
import { formatDiagnostic, type Diagnostic } from "../../src/content/diagnostics.ts";
import { escapeControlCharacters } from "../../src/text/control-characters.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { fr } from "../helpers/french.ts";

const root = resolve(import.meta.dirname, "../..");
const bin = join(root, "bin/depeche.js");
let archive: TestArchive;
afterEach(() => archive?.remove());

function depeche(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "", NO_COLOR: "", ...env }, cwd: root });
}

const INJECTION = "x\n::error file=README.md,line=1::pwned";
// What a terminal or a CI log could act on: C0 controls (a line break included), DEL, C1, the
// Unicode line separators and the bidirectional overrides.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Every line of an output, with nothing a terminal acts on but the line breaks between them. */
function expectPrintable(output: string): void {
  for (const line of output.split("\n")) expect(line).not.toMatch(CONTROL);
}

describe("control characters are escaped wherever a value is printed", () => {
  it.each([
    ["\n", "\\n"],
    ["\r", "\\r"],
    ["\t", "\\t"],
    ["\u001b[2J", "\\x1b[2J"],
    ["\u0007", "\\x07"],
    ["\u007f", "\\x7f"],
    ["\u0085", "\\u0085"],
    ["\u009b31m", "\\u009b31m"],
    ["\u2028", "\\u2028"],
    ["\u202e", "\\u202e"],
    ["Irak, Défense « ok » – ‘’", "Irak, Défense « ok » – ‘’"],
  ])("%j reads %s", (raw, shown) => {
    expect(escapeControlCharacters(raw)).toBe(shown);
  });

  const d: Diagnostic = { severity: "error", file: "content/articles/a\u001b[31m.md", line: 5, column: 10, message: `unknown topic "${INJECTION}\u0007"` };

  it("in diagnostics for people, with or without colour, and in annotations: one line, no workflow command", () => {
    expect(formatDiagnostic(d)).toBe('content/articles/a\\x1b[31m.md:5:10: error: unknown topic "x\\n::error file=README.md,line=1::pwned\\x07"');
    for (const line of [formatDiagnostic(d), formatForTerminal(d, false), githubAnnotation(d)]) expectPrintable(line);
    expectPrintable(formatForTerminal(d, true).replace(/\u001b\[[\d;]*m/g, ""));
    expect(githubAnnotation(d)).toBe(
      '::error file=content/articles/a\\x1b[31m.md,line=5,col=10::unknown topic "x\\n::error file=README.md,line=1::pwned\\x07"',
    );
  });

  it("in `check` output: a topic or a file name can't start a workflow command or drive the terminal", () => {
    archive = makeArchive();
    archive.article("a\u001b]0;title\u0007.md", { topics: JSON.stringify([INJECTION, "\u001b[2J\u0085"]) });
    const run = depeche(["check", "--content", archive.dir, "--annotate"]);
    expect(run.status).toBe(1);
    expectPrintable(run.stdout);
    expectPrintable(run.stderr);
    for (const line of `${run.stdout}\n${run.stderr}`.split("\n")) expect(line).not.toMatch(/^::error file=README/);
    expect(run.stderr).toContain(fr`a\\x1b]0;title\\x07.md:5:10: error: sujet inconnu « x\\n::error file=README.md,line=1::pwned »`);
    expect(run.stderr).toContain(fr`sujet inconnu « \\x1b[2J\\u0085 »`);
    // JSON keeps the values exactly, escaped by JSON itself.
    const json = depeche(["check", "--content", archive.dir, "--json"]);
    expect(JSON.parse(json.stdout).diagnostics.map((x: Diagnostic) => x.message)).toContain(
      fr`sujet inconnu « ${INJECTION} » : utilisez une entrée de topics.yaml, ou ajoutez-la`,
    );
  });

  it("in the command's own lines: unknown commands, options and folders", () => {
    const unknown = depeche([`x${INJECTION}`]);
    expect(unknown.stderr.split("\n")[0]).toBe(fr`depeche: commande inconnue « xx\\n::error file=README.md,line=1::pwned »`);
    const option = depeche(["check", `--x\u001b[2J`]);
    expect(option.status).toBe(2);
    expectPrintable(option.stderr);
    const folder = depeche(["check", "--content", `/nonexistent/${INJECTION}\u001b[2J`]);
    // A folder that does not exist is a usage mistake, its name printed escaped.
    expect(folder.status).toBe(2);
    expectPrintable(folder.stderr);
    expect(folder.stderr).toContain("/nonexistent/x\\n::error file=README.md,line=1::pwned\\x1b[2J");
  });
});
