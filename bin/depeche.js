#!/usr/bin/env node
// The `depeche` command: TypeScript sources run through tsx, with no compile step.
import { CONTENT_LIBRARIES, runTypeScript } from "../src/run-typescript.js";

// The libraries each command uses, loaded before tsx starts (see runTypeScript).
const building = [...CONTENT_LIBRARIES, "@11ty/eleventy", "fast-xml-parser"];
const libraries = { check: CONTENT_LIBRARIES, build: building, serve: [...building, "@11ty/eleventy-dev-server"], import: CONTENT_LIBRARIES, new: CONTENT_LIBRARIES };

await runTypeScript(new URL("../src/cli/main.ts", import.meta.url), libraries[process.argv[2]] ?? []);
