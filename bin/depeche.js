#!/usr/bin/env node
// The `depeche` command: TypeScript sources run through tsx, with no compile step.
import { runTypeScript } from "../src/run-typescript.js";

// The libraries each command uses, loaded before tsx starts (see runTypeScript).
const reading = ["gray-matter", "js-yaml", "yaml", "zod", "luxon", "markdown-it", "@sindresorhus/slugify"];
const building = [...reading, "@11ty/eleventy", "fast-xml-parser"];
const libraries = { check: reading, build: building, serve: [...building, "@11ty/eleventy-dev-server"], import: reading, new: reading };

await runTypeScript(new URL("../src/cli/main.ts", import.meta.url), libraries[process.argv[2]] ?? []);
