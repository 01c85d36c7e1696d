import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

// CI asks for a JSON report beside the usual output, to print "N passed, N failed".
const jsonReport = process.env.DEPECHE_VITEST_JSON;

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
    globalSetup: ["tests/content-guard.ts"],
    // Vitest leaves a core to itself, so a 2-core machine (CI's) ran the files one at a time. Most of
    // a file's time is spent waiting on the processes it starts (builds, Chromium): two files at once
    // took the run from 1,465 s to 916 s there.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // A limit for a test that hangs, not a speed target (those are the bench's): two files at once
    // on two cores, the longest tests that build several sites took 23–32 s in CI's run.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: jsonReport ? ["default", ["json", { outputFile: jsonReport }]] : ["default"],
  },
});
