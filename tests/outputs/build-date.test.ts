import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { makeArchive } from "../helpers/archive.ts";
import { buildDateFromEnvironment, buildDateFromOption, parseBuildDate } from "../../src/publish/build-date.ts";
import { CommandError } from "../../src/files/file-errors.ts";
import { fr } from "../helpers/french.ts";

describe("the build's date", () => {
  it.each([
    ["2021-12-10T12:00:00+01:00", Date.UTC(2021, 11, 10, 11)],
    ["2021-12-10T11:00:00Z", Date.UTC(2021, 11, 10, 11)],
    // Without an offset it is UTC, whatever the machine's zone.
    ["2021-12-10T11:00", Date.UTC(2021, 11, 10, 11)],
    ["2021-12-10", Date.UTC(2021, 11, 10)],
    ["hier", undefined],
    ["2021-13-01", undefined],
    // Offsets no clock uses are typos, not instants three days away.
    ["2021-12-10T12:00:00+14:00", Date.UTC(2021, 11, 9, 22)],
    ["2021-12-10T12:00:00+99:00", undefined],
    ["2021-12-10T12:00:00+24:00", undefined],
    ["2021-12-10T12:00:00+01:99", undefined],
  ])("--now %s", (text, expected) => {
    expect(parseBuildDate(text)).toBe(expected);
  });

  it("comes from SOURCE_DATE_EPOCH (seconds) when set", () => {
    expect(buildDateFromEnvironment({ SOURCE_DATE_EPOCH: "1639134000" })).toBe(1639134000000);
    expect(buildDateFromEnvironment({ SOURCE_DATE_EPOCH: "0" })).toBe(0);
    expect(buildDateFromEnvironment({ SOURCE_DATE_EPOCH: "" })).toBeUndefined();
    expect(buildDateFromEnvironment({})).toBeUndefined();
  });

  it.each([
    ["soon", "SOURCE_DATE_EPOCH=soon n’est pas un nombre de secondes depuis le 1er janvier 1970 UTC"],
    ["-5", "SOURCE_DATE_EPOCH=-5 n’est pas un nombre de secondes"],
    ["4133980800", "SOURCE_DATE_EPOCH=4133980800 tombe hors des années 1900 à 2100 où peut tomber la date d’une construction"],
    ["99999999999999", "SOURCE_DATE_EPOCH=99999999999999 tombe hors des années 1900 à 2100"],
  ])("refuses SOURCE_DATE_EPOCH=%s with an error naming it (exit 2), never falling back to the clock", (value, message) => {
    const error = (() => {
      try {
        buildDateFromEnvironment({ SOURCE_DATE_EPOCH: value });
      } catch (e) {
        return e as CommandError;
      }
    })();
    expect(error).toBeInstanceOf(CommandError);
    expect(error?.message).toContain(message);
    expect(error?.exitCode).toBe(2);
  });

  it.each([
    ["9999-12-31", "--now 9999-12-31 tombe hors des années 1900 à 2100"],
    ["+275760-09-14", fr`--now « +275760-09-14 » n’est pas une date`],
    ["1899-12-31T23:00:00Z", "--now 1899-12-31T23:00:00Z tombe hors des années 1900 à 2100"],
    ["hier", fr`--now « hier » n’est pas une date`],
  ])("refuses --now %s (exit 2)", (text, message) => {
    expect(() => buildDateFromOption(text)).toThrow(message);
    expect(buildDateFromOption("2100-12-31T23:59:59Z")).toBe(Date.UTC(2100, 11, 31, 23, 59, 59));
  });

  it("says the same in English with DEPECHE_LANG=en", () => {
    vi.stubEnv("DEPECHE_LANG", "en");
    try {
      expect(() => buildDateFromOption("hier")).toThrow('--now "hier" is not a date');
      expect(() => buildDateFromEnvironment({ SOURCE_DATE_EPOCH: "4133980800" })).toThrow(
        "SOURCE_DATE_EPOCH=4133980800 is outside the years 1900 to 2100 that the build's date may fall in",
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it("out of range stops depeche build with one line and exit 2, before anything is written", () => {
    const archive = makeArchive();
    try {
      archive.article("a.md", {});
      const bin = resolve(import.meta.dirname, "../../bin/depeche.js");
      const build = (args: string[], env: Record<string, string> = {}) =>
        spawnSync(process.execPath, [bin, "build", "--no-cache", "--content", archive.dir, "--out", join(archive.root, "_site"), "--no-search", ...args], {
          encoding: "utf8",
          env: { ...process.env, ...env },
        });
      const now = build(["--now", "9999-12-31"]);
      expect([now.status, now.stderr]).toEqual([
        2,
        "depeche build: error: --now 9999-12-31 tombe hors des années 1900 à 2100 où peut tomber la date d’une construction\n",
      ]);
      const epoch = build([], { SOURCE_DATE_EPOCH: "99999999999999" });
      expect([epoch.status, epoch.stderr]).toEqual([
        2,
        "depeche build: error: SOURCE_DATE_EPOCH=99999999999999 tombe hors des années 1900 à 2100 où peut tomber la date d’une construction\n",
      ]);
      expect(existsSync(join(archive.root, "_site"))).toBe(false);
      expect(readdirSync(archive.root)).toEqual(["content"]);
    } finally {
      archive.remove();
    }
  });
});
