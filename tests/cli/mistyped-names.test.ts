/** A mistyped command or option is answered with the name meant, as a mistyped front-matter key is; still exit 2. */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/build.ts";
import { runCheck } from "../../src/cli/check.ts";
import { runImport } from "../../src/cli/import.ts";
import { runNew } from "../../src/cli/new.ts";
import { runServe } from "../../src/cli/serve.ts";
import type { Command } from "../../src/cli/run-command.ts";
import { runInProcess } from "../helpers/cli.ts";
import { fr } from "../helpers/french.ts";

const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
afterEach(() => {
  delete process.env.DEPECHE_LANG;
});

function depeche(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
}

const COMMANDS: Record<string, Command> = { check: runCheck, build: runBuild, import: runImport, new: runNew, serve: runServe };

describe("a mistyped option gets the option meant, in every command", () => {
  it.each([
    { command: "check", args: ["--contnet", "/nonexistent"], typed: "--contnet", meant: "--content" },
    { command: "check", args: ["--Content", "/nonexistent"], typed: "--Content", meant: "--content" },
    { command: "check", args: ["--jsno"], typed: "--jsno", meant: "--json" },
    { command: "build", args: ["--record-url"], typed: "--record-url", meant: "--record-urls" },
    { command: "build", args: ["--base-ulr", "https://x.org"], typed: "--base-ulr", meant: "--base-url" },
    { command: "build", args: ["--no-serach"], typed: "--no-serach", meant: "--no-search" },
    { command: "import", args: ["x.txt", "--dat", "2021-12-09"], typed: "--dat", meant: "--date" },
    { command: "import", args: ["x.txt", "--date", "2021-12-09", "--cerdit", "AA"], typed: "--cerdit", meant: "--credit" },
    { command: "new", args: ["Un titre", "--topcis", "Irak"], typed: "--topcis", meant: "--topics" },
    { command: "serve", args: ["--prot", "8081"], typed: "--prot", meant: "--port" },
    { command: "serve", args: ["--hlep"], typed: "--hlep", meant: "--help" },
  ])("$command $typed: « vouliez-vous dire $meant ? », exit 2", async ({ command, args, typed, meant }) => {
    const r = await runInProcess(command, COMMANDS[command]!, args);
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(fr`depeche ${command}: option inconnue « ${typed} » (vouliez-vous dire « ${meant} » ?)`);
  });

  it("in English with DEPECHE_LANG=en", async () => {
    process.env.DEPECHE_LANG = "en";
    const r = await runInProcess("check", runCheck, ["--contnet", "/nonexistent"]);
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe('depeche check: unknown option "--contnet" (did you mean "--content"?)');
  });

  it.each([
    ["check", ["--frobnicate"], "--frobnicate"],
    ["check", ["-x"], "-x"],
    ["build", ["--xyz"], "--xyz"],
  ])("%s %s: no guess when no option is near", async (command, args, typed) => {
    const r = await runInProcess(command, COMMANDS[command]!, args);
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(fr`depeche ${command}: option inconnue « ${typed} »`);
  });
});

describe("a mistyped command gets the command meant", () => {
  it.each([
    ["buidl", "build"],
    ["chekc", "check"],
    ["improt", "import"],
    ["serv", "serve"],
    ["install-hooks", "install-hook"],
  ])("depeche %s: « vouliez-vous dire %s ? », exit 2", (typed, meant) => {
    const r = depeche([typed]);
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n")[0]).toBe(fr`depeche: commande inconnue « ${typed} » (vouliez-vous dire « ${meant} » ?)`);
  });

  it("in English, and no guess for a word near no command", () => {
    const en = depeche(["buidl"], { DEPECHE_LANG: "en" });
    expect(en.status).toBe(2);
    expect(en.stderr.split("\n")[0]).toBe('depeche: unknown command "buidl" (did you mean "build"?)');
    const far = depeche(["frobnicate"]);
    expect(far.status).toBe(2);
    expect(far.stderr.split("\n")[0]).toBe(fr`depeche: commande inconnue « frobnicate »`);
  });
});
