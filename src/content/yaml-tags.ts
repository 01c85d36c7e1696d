/**
 * YAML tags (`!!str`, `!!bool`, `!!set`, `!x`) on a value: the archive reads none, and each turns
 * the value into something its field does not take (`!!binary` bytes, a `!!set` that the data
 * gives as an empty map) or hides what was written. Told at the tag, with what the field needs;
 * a text value that starts with `!` (`title: ! important`) is text meant, whose fix is quotes.
 */
import { isMap, isScalar, isSeq, type Node, type Scalar } from "yaml";
import { messages } from "../i18n/messages.ts";
import { example, keyPart, lineAt, lineStartOf, valueOnLine, valueStartProblem, type At, type TextKeys, type YamlProblem } from "./yaml-lines.ts";
import { propertyStart } from "./yaml-lost-text.ts";

/** The tags of a document's values, each told at the tag; `path` names each value's key (`image.src`, `topics` for its entries). */
export function tagProblems(document: { contents: unknown }, source: string, at: At, textKeys: TextKeys): YamlProblem[] {
  const problems: YamlProblem[] = [];
  const visit = (node: unknown, path: string): void => {
    const tagged = (node as Node | null)?.tag !== undefined && (node as Node).range ? (node as Node) : undefined;
    if (tagged) problems.push(tagProblem(tagged, path, source, at, textKeys.has(path)));
    if (isMap(node)) {
      for (const pair of node.items) if (isScalar(pair.key)) visit(pair.value, path === "" ? String(pair.key.value) : `${path}.${String(pair.key.value)}`);
    } else if (isSeq(node)) for (const item of node.items) visit(item, path);
  };
  visit(document.contents, "");
  return problems;
}

// A tag YAML defines (`!!str`, `!<tag:yaml.org,2002:str>`), not text that starts with `!`.
const YAML_TAG = /^!(?:!|<)/;

function tagProblem(node: Node, key: string, source: string, at: At, isText: boolean): YamlProblem {
  // After an anchor, if any (`&a !x Irak`).
  const start = source.indexOf("!", propertyStart(source, node.range![0]));
  const tag = /^!\S*/.exec(source.slice(start))![0];
  const say = messages().diagnostics;
  if (isText && isScalar(node)) {
    const scalar = node as Scalar;
    const quoted = scalar.type === "QUOTE_DOUBLE" || scalar.type === "QUOTE_SINGLE";
    // `title: ! important`, `title: !Exclusif la fin`: text meant, the `!` included.
    if (!quoted && !YAML_TAG.test(tag)) return valueStartProblem(source, start, at, true);
    const lineStart = lineStartOf(source, start);
    const line = lineAt(source, lineStart);
    // The text read, in double quotes; bytes (`!!binary`) as written.
    const text = JSON.stringify(typeof scalar.value === "string" ? scalar.value : source.slice(scalar.range![0], scalar.range![1]).trim());
    return { at: at(start), message: say.yamlTextTag(key, tag, example(keyPart(line, valueOnLine(line).start), text)) };
  }
  return { at: at(start), message: say.yamlTag(key, tag) };
}
