#!/usr/bin/env node
// The `depeche` command: TypeScript sources run through tsx, with no compile step.
import { register } from "tsx/esm/api";

register();
await import("../src/cli/main.ts");
