// `npm run guide:messages`: writes the list of messages into docs/guide-de-redaction.md, from the catalogue.
import { readFileSync, writeFileSync } from "node:fs";
import { withGuideMessages } from "../src/i18n/guide-messages.ts";

const guide = new URL("../docs/guide-de-redaction.md", import.meta.url);
writeFileSync(guide, withGuideMessages(readFileSync(guide, "utf8")));
