import { describe, expect, it } from "vitest";
import { describeUpdate } from "../../src/cli/serve.ts";
import type { Diagnostic } from "../../src/content/diagnostics.ts";
import type { Update } from "../../src/serve/dev-session.ts";
import { fr } from "../helpers/french.ts";

const error: Diagnostic = { severity: "error", file: "content/articles/a.md", line: 1, column: 1, message: "…" };

describe("what depeche serve says of an update, its time in seconds as the other commands give it", () => {
  const cases: { update: Update; said: string | undefined }[] = [
    { update: { outcome: "rebuilt", urls: [], diagnostics: [], ms: 5182 }, said: "aperçu reconstruit (5,18 s)" },
    { update: { outcome: "updated", urls: ["/a/", "/b/"], diagnostics: [], ms: 41 }, said: "2 pages mises à jour (0,04 s)" },
    { update: { outcome: "fixed", urls: [], diagnostics: [], ms: 12 }, said: "plus aucune erreur, les pages sont celles d’avant (0,01 s)" },
    {
      update: { outcome: "invalid", urls: [], diagnostics: [error], ms: 35 },
      said: fr`1 erreur, 0 avertissement ; l’aperçu garde la dernière version correcte (0,04 s)`,
    },
    {
      update: { outcome: "invalid", unbuilt: true, urls: [], diagnostics: [error], ms: 35 },
      said: fr`1 erreur, 0 avertissement ; l’aperçu sera construit dès qu’elles seront corrigées, et les montre d’ici là (0,04 s)`,
    },
    { update: { outcome: "unchanged", urls: [], diagnostics: [], ms: 3 }, said: undefined },
  ];
  it.each(cases)("$update.outcome", ({ update, said }) => expect(describeUpdate(update)).toBe(said));
});
