import { describe, expect, it } from "vitest";
import { ArchiveStore } from "../../src/content/store.ts";
import { ArticleRenderer } from "../../src/plan/article-view.ts";
import { packBodies, unpackBodies } from "../../src/text/body-bytes.ts";
import { renderBody } from "../../src/text/markdown.ts";
import { makeArchive } from "../helpers/archive.ts";

// The renderer holds bodies as UTF-8 bytes (src/text/body-bytes.ts): what a page, a feed or a
// search record reads must be the rendered HTML itself, accents, typography and emoji included.
const BODY = "L’OTAN a « réagi » : 3 000 soldats ? Oui ! 漢字 🇫🇷\n\nSecond paragraphe, *cité*.";

describe("an article's body, held as bytes", () => {
  it("reads back as the HTML rendered, whether rendered here or adopted from a helper's batch", async () => {
    const archive = makeArchive();
    try {
      archive.article("a.md", { title: "Premier", date: "2021-12-09T10:00:00+01:00", topics: "[Irak]", sources: "[AA]", body: BODY });
      const store = new ArchiveStore({ contentDir: archive.dir });
      await store.sync();
      const [article] = store.result().content!.articles;
      const rendered = renderBody(article!.body);
      expect(rendered.html).toContain("L’OTAN");

      const here = new ArticleRenderer();
      expect(here.view(article!).bodyHtml).toBe(rendered.html);

      const adopted = new ArticleRenderer();
      adopted.adoptBody(article!, unpackBodies(structuredClone(packBodies([rendered])))[0]!);
      expect(adopted.needsBody(article!)).toBe(false);
      expect(adopted.view(article!).bodyHtml).toBe(rendered.html);
      expect(adopted.item(article!).summary).toBe(here.item(article!).summary);
    } finally {
      archive.remove();
    }
  });
});
