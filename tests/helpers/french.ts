/**
 * A message of the command line as a test expects it, with the no-break spaces French messages
 * take: U+00A0 before « : », U+202F before « ; ! ? » and inside « ». Only the literal's own words
 * are spaced; its values (paths, what an editor wrote) are left as they are, as in the messages.
 * @example fr`« ${key} » : vide` // "«\u202ftitle\u202f»\u00a0: vide"
 */
export function fr(words: TemplateStringsArray, ...values: unknown[]): string {
  const spaced = (part: string): string =>
    part.replace(/« | ([:;!?»])/g, (_, mark?: string) => (mark === undefined ? "«\u202f" : mark === ":" ? "\u00a0:" : `\u202f${mark}`));
  return values.reduce<string>((text, value, i) => text + String(value) + spaced(words[i + 1]!), spaced(words[0]!));
}
