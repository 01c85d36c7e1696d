import { defineConfig } from "vitest/config";

// CI asks for a JSON report beside the usual output, to print "N passed, N failed".
const jsonReport = process.env.DEPECHE_VITEST_JSON;

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    setupFiles: ["tests/setup.ts"],
    globalSetup: ["tests/content-guard.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: jsonReport ? ["default", ["json", { outputFile: jsonReport }]] : ["default"],
  },
});
