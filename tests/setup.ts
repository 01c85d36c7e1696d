// Eleventy loads .eleventy.ts with Node's own import(), outside Vite:
// register tsx so that Node can read TypeScript in the test workers too.
import { register } from "tsx/esm/api";

register();
