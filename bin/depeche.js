#!/usr/bin/env node
// The `depeche` command: TypeScript sources run through tsx, with no compile step.
import { CONTENT_LIBRARIES, runTypeScript, WRITING_LIBRARIES } from "../src/run-typescript.js";

// The libraries each command uses, loaded before tsx starts (see runTypeScript).
// A Map, not an object: a mistyped command such as "constructor" must reach main.ts's usage error.
const building = [...CONTENT_LIBRARIES, ...WRITING_LIBRARIES];
const libraries = new Map([
  ["check", CONTENT_LIBRARIES],
  ["build", building],
  ["serve", [...building, "@11ty/eleventy-dev-server"]],
  ["import", CONTENT_LIBRARIES],
  ["new", CONTENT_LIBRARIES],
]);

await runTypeScript(new URL("../src/cli/main.ts", import.meta.url), libraries.get(process.argv[2]) ?? []);
