#!/usr/bin/env node
// The `depeche` command: TypeScript sources run through tsx, with no compile step.
import { COMMAND_LIBRARIES, runTypeScript } from "../src/threads/run-typescript.js";

await runTypeScript(new URL("../src/cli/main.ts", import.meta.url), COMMAND_LIBRARIES.get(process.argv[2]) ?? []);
