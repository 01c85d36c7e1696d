import { describe, expect, it } from "vitest";
import { buildDateFromEnvironment, parseBuildDate } from "../../src/build/build-date.ts";

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

  it("comes from SOURCE_DATE_EPOCH (seconds) when set and valid", () => {
    expect(buildDateFromEnvironment({ SOURCE_DATE_EPOCH: "1639134000" })).toBe(1639134000000);
    expect(buildDateFromEnvironment({ SOURCE_DATE_EPOCH: "soon" })).toBeUndefined();
    expect(buildDateFromEnvironment({})).toBeUndefined();
  });
});
