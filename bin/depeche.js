#!/usr/bin/env node
// The `depeche` command: its TypeScript runs from bundles compiled ahead whenever the sources
// change (src/threads/compiled.js), else through tsx.
import { COMMAND_LIBRARIES, runTypeScript } from "../src/threads/run-typescript.js";

await runTypeScript(new URL("../src/cli/main.ts", import.meta.url), COMMAND_LIBRARIES.get(process.argv[2]) ?? []);
