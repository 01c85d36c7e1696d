// Eleventy loads .eleventy.ts with Node's own import(), outside Vite:
// register tsx so that Node can read TypeScript in the test workers too.
import { register } from "tsx/esm/api";

register();

// Tests assert the default language, French, whatever the developer's shell asks for.
delete process.env.DEPECHE_LANG;
