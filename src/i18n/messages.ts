/**
 * The message catalogue of the command line: French by default, English with DEPECHE_LANG=en.
 * To add a message: a key in `messages-fr.ts` (the type every catalogue has), the same key in
 * `messages-en.ts` (a type error until it is there), and, for a diagnostic an editor can meet,
 * an example in `guide-examples.ts` (a type error until it is there), then
 * `npm run guide:messages` to list it in docs/guide-de-redaction.md.
 */
import { messagesEn } from "./messages-en.ts";
import { messagesFr, type Messages } from "./messages-fr.ts";

export type { Messages, MomentName, RunHolder, RunLockKind, ZoneName } from "./messages-fr.ts";

/**
 * The catalogue the environment asks for. Read on each call, not once: a test, or a helper
 * thread (which shares the process's environment), sees the language set at that moment.
 */
export function messages(env: NodeJS.ProcessEnv = process.env): Messages {
  return env.DEPECHE_LANG?.toLowerCase().startsWith("en") ? messagesEn : messagesFr;
}
