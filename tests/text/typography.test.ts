import { describe, expect, test } from "vitest";
import { createMarkdown, renderMarkdown } from "../../src/text/markdown.ts";
import { htmlOfTypeset, typesetHtml, typesetText } from "../../src/text/typography.ts";
import { IRAK_BODY } from "../helpers/sample-archive.ts";
import { modulePath, runWithDeadline } from "../helpers/deadline.ts";

// Expected strings spell every space that is not U+0020 as an escape; on failure the comparison
// shows them by code point, since U+202F, U+00A0 and U+0020 look alike in any terminal.
const NN = "\u202f";
const NB = "\u00a0";

function codePoints(text: string): string {
  return text.replace(/[\u00a0\u2009\u202f\t\ue000]/g, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}>`);
}

function expectSame(actual: string, expected: string): void {
  expect(codePoints(actual)).toBe(codePoints(expected));
}

const typeset: [input: string, expected: string][] = [
  // ; ! ? take a narrow no-break space, added or normalised
  ["Pourquoi maintenant?", `Pourquoi maintenant${NN}?`],
  ["Pourquoi maintenant ?", `Pourquoi maintenant${NN}?`],
  [`Pourquoi maintenant${NB}?`, `Pourquoi maintenant${NN}?`],
  ["Pourquoi maintenant\u2009?", `Pourquoi maintenant${NN}?`],
  ["La réunion a duré 4 heures!", `La réunion a duré 4 heures${NN}!`],
  ["Il est venu; il a vu", `Il est venu${NN}; il a vu`],
  ["Il est venu ; il a vu", `Il est venu${NN}; il a vu`],
  ["Quoi?!", `Quoi${NN}?!`],
  ["Quoi ? !", `Quoi${NN}?!`],
  ["Vraiment???", `Vraiment${NN}???`],
  ["« Rien n’est décidé »?", `«${NN}Rien n’est décidé${NN}»${NN}?`],
  ["Partager cet article? https://turquie2023.com/Ivo58D", `Partager cet article${NN}? https://turquie2023.com/Ivo58D`],
  ["Voir https://example.fr/page?", `Voir https://example.fr/page${NN}?`],
  // : takes a no-break space when a space or the end follows
  ["Note: voir plus bas", `Note${NB}: voir plus bas`],
  ["Note : voir plus bas", `Note${NB}: voir plus bas`],
  [`Note${NN}: voir plus bas`, `Note${NB}: voir plus bas`],
  ["Lire aussi:", `Lire aussi${NB}:`],
  ["En 2021: le retrait", `En 2021${NB}: le retrait`],
  // apostrophes, ellipses, quotes
  ["L'Irak", "L’Irak"],
  ["C'est ce qu'a déclaré aujourd'hui le ministre", "C’est ce qu’a déclaré aujourd’hui le ministre"],
  // single quotes: opening ‘ at the start or after a space or an opening mark, closing ’
  ["Il a dit 'non' hier", "Il a dit ‘non’ hier"],
  ["'Kurdistan' : le vote", `‘Kurdistan’${NB}: le vote`],
  ["('Daech') et ['Daech']", "(‘Daech’) et [‘Daech’]"],
  ["'l'Irak d'aujourd'hui'", "‘l’Irak d’aujourd’hui’"],
  ["'Non!' a-t-il crié", `‘Non${NN}!’ a-t-il crié`],
  ["'Non...' puis 'oui'", "‘Non…’ puis ‘oui’"],
  ["Il a dit \"c'est 'non'\"", `Il a dit «${NN}c’est ‘non’${NN}»`],
  ["«'non'»", `«${NN}‘non’${NN}»`],
  ["Il a dit—'non'", "Il a dit—‘non’"],
  ["“'non'”", "“‘non’”"],
  ["'Non', 5' plus tard", "‘Non’, 5' plus tard"],
  ["Et puis...", "Et puis…"],
  ["Il a cité [...] le texte", "Il a cité […] le texte"],
  ['Il a dit "non".', `Il a dit «${NN}non${NN}».`],
  ['"Nous avons achevé", a-t-il affirmé', `«${NN}Nous avons achevé${NN}», a-t-il affirmé`],
  ['Il a dit " non " hier', `Il a dit «${NN}non${NN}» hier`],
  ['("Daech")', `(«${NN}Daech${NN}»)`],
  ["«non»", `«${NN}non${NN}»`],
  ["« non »", `«${NN}non${NN}»`],
  [`«${NB}non${NB}»`, `«${NN}non${NN}»`],
  // after an apostrophe a straight quote opens; inside a quotation, “ ”, and inside that (or deeper), ‘ ’
  ['Il a dit l\'"affaire" est close.', `Il a dit l’«${NN}affaire${NN}» est close.`],
  ['Cie : l’"affaire"', `Cie${NB}: l’«${NN}affaire${NN}»`],
  ['Entre "guillemets "imbriqués" ici"', `Entre «${NN}guillemets “imbriqués” ici${NN}»`],
  ['« Il a dit "oui" »', `«${NN}Il a dit “oui”${NN}»`],
  ["\"Il a dit 'non'\", a-t-il répété, \"puis 'oui'\"", `«${NN}Il a dit ‘non’${NN}», a-t-il répété, «${NN}puis ‘oui’${NN}»`],
  ["Il a dit \"'non'\"", `Il a dit «${NN}‘non’${NN}»`],
  ['"un "deux "trois" deux" un"', `«${NN}un “deux ‘trois’ deux” un${NN}»`],
  ['Il a dit : "selon lui, "le ministre a lancé "jamais""".', `Il a dit${NB}: «${NN}selon lui, “le ministre a lancé ‘jamais’”${NN}».`],
  ['« Il cite “un "non" ferme” »', `«${NN}Il cite “un ‘non’ ferme”${NN}»`],
  ['"un "deux "trois "quatre" trois" deux" un"', `«${NN}un “deux ‘trois ‘quatre’ trois’ deux” un${NN}»`],
  ['"un "deux""', `«${NN}un “deux”${NN}»`],
  ['""deux" un"', `«${NN}“deux” un${NN}»`],
  // & and character references: a reference's `;` is not punctuation, the text's ; still is
  ["AT&T rachète Time Warner ; la fusion", `AT&T rachète Time Warner${NN}; la fusion`],
  ["R&D; Procter & Gamble ; fin", `R&D${NN}; Procter & Gamble${NN}; fin`],
  ["AT&amp;T ; Procter &amp; Gamble;", `AT&amp;T${NN}; Procter &amp; Gamble${NN};`],
  ["&lt;b&gt; ; l&#39;Irak ; 10&nbsp;km ; &#x2019;", `&lt;b&gt;${NN}; l&#39;Irak${NN}; 10&nbsp;km${NN}; &#x2019;`],
  // numbers: existing separators, grouping, units
  ["environ 25000 personnes", `environ 25${NN}000 personnes`],
  ["3 000 soldats", `3${NN}000 soldats`],
  [`3${NB}000 soldats`, `3${NN}000 soldats`],
  ["1 250 000 habitants", `1${NN}250${NN}000 habitants`],
  ["1250000 habitants", `1${NN}250${NN}000 habitants`],
  ["Depuis 2014, environ 3 000 soldats, dont 2 500 Américains", `Depuis 2014, environ 3${NN}000 soldats, dont 2${NN}500 Américains`],
  ["En 2021, 300000 personnes", `En 2021, 300${NN}000 personnes`],
  ["un budget de 2500 €", `un budget de 2${NN}500${NB}€`],
  ["un budget de 2500€", `un budget de 2${NN}500${NB}€`],
  ["2500 euros", `2${NN}500${NB}euros`],
  ["123456,78 dollars", `123${NN}456,78${NB}dollars`],
  ["une hausse de 25%", `une hausse de 25${NB}%`],
  ["une hausse de 25 %", `une hausse de 25${NB}%`],
  ["une baisse de 12,5 %", `une baisse de 12,5${NB}%`],
  ["2000 %", `2${NN}000${NB}%`],
  ["à 10km de la frontière", `à 10${NB}km de la frontière`],
  ["120 km/h", `120${NB}km/h`],
  ["il fait 30°C", `il fait 30${NB}°C`],
  ["une centrale de 1200 MW", `une centrale de 1${NN}200${NB}MW`],
  ["à 15h10", `à 15${NB}h${NB}10`],
  ["à 15 h 10", `à 15${NB}h${NB}10`],
  ["vers 8h", `vers 8${NB}h`],
  ["ouvert 24h/24", `ouvert 24${NB}h/24`],
  ["sur 3 ha", `sur 3${NB}ha`],
  // ordinals, plain text
  ["la 2ème fois", "la 2e fois"],
  ["la 1ère fois", "la 1re fois"],
  ["les 3èmes rencontres", "les 3es rencontres"],
  ["le XIXème siècle", "le XIXe siècle"],
  ["le 21ième sommet", "le 21e sommet"],
  // several rules at once
  [
    "C'est ce qu'a déclaré le conseiller, dans un tweet: \"nous avons achevé\"!",
    `C’est ce qu’a déclaré le conseiller, dans un tweet${NB}: «${NN}nous avons achevé${NN}»${NN}!`,
  ],
];

const untouched: string[] = [
  "Il est 10:30.",
  "un score de 2:1",
  // A `;` with no space after is no French semicolon: an address without its scheme, a media type.
  "Voir example.org/a;b",
  "data:text/html;base64,PHA+",
  "https://turquie2023.com/Ivo58D",
  "https://example.fr/a?b=1;c=2!d",
  "http://example.fr/l'article",
  "www.example.fr/page?x=1",
  "mailto:redaction@example.fr",
  "Écrire à jean.dupont@example.fr",
  '<a href="https://x.fr" title="Quoi?">',
  "en 2021",
  "Depuis 2014",
  "3000 soldats",
  "π vaut 3,14159",
  "la version 12.34567",
  "0612345678",
  "+33612345678",
  "06 12 34 56 78",
  "1234567890",
  "A320, COVID-19, G20, 5G, turquie2023, ISO-12345",
  "les années 1990s",
  "pendant 2 heures, à 20 heures 30",
  "le 9 décembre",
  "(?)",
  "[?]",
  "Le 1er mai, le XIXe siècle, Napoléon Ier",
  "Le chef, Ce jour, Les cellules, Des troupes, Mme Martin",
  `«${NN}déjà${NN}» composé${NN}? Oui${NB}: fini${NN}; bien${NN}!`,
  "l’Irak…",
  "AT&amp;T, &LT;b&GT;, &#39;x&#39;, &#X27;, &NotNestedGreaterGreater;, 10&nbsp;km",
  "5' de jeu, un ' seul, les années '90",
  "",
];

describe("typesetText", () => {
  test.each(typeset)("%j", (input, expected) => {
    expectSame(typesetText(input), expected);
  });

  test.each(untouched)("leaves %j as it is", (input) => {
    expectSame(typesetText(input), input);
  });

  test("is idempotent: typeset text stays as it is", () => {
    for (const [, expected] of typeset) expectSame(typesetText(expected), expected);
  });

  test("keeps the share line's URL byte for byte", () => {
    const out = typesetText("Partager cet article? https://turquie2023.com/Ivo58D");
    expect(out.endsWith(" https://turquie2023.com/Ivo58D")).toBe(true);
    expect([...out].indexOf("?")).toBeGreaterThan(0);
    expect(out.codePointAt(out.indexOf("?") - 1)).toBe(0x202f);
  });
});

describe("typesetHtml", () => {
  test.each([
    ["Le 1er mai", "Le 1<sup>er</sup> mai"],
    ["la 1re fois, la 1ère fois", "la 1<sup>re</sup> fois, la 1<sup>re</sup> fois"],
    ["le 2e tour, les 3es rencontres, le 11e jour", "le 2<sup>e</sup> tour, les 3<sup>es</sup> rencontres, le 11<sup>e</sup> jour"],
    ["le XIXe siècle, la Ve République, Napoléon Ier", "le XIX<sup>e</sup> siècle, la V<sup>e</sup> République, Napoléon I<sup>er</sup>"],
    ["Le chef, Ce jour, Les cellules, Des troupes", "Le chef, Ce jour, Les cellules, Des troupes"],
    ["1e, 21er, 2e5, A2e", "1e, 21er, 2e5, A2e"],
    ['<script>alert("x") & co</script>', `&lt;script&gt;alert(«${NN}x${NN}») &amp; co&lt;/script&gt;`],
    ["L'Irak?", `L’Irak${NN}?`],
    // a title as its front matter gives it
    ['Cie : l’"affaire" & "Bagdad "la verte""', `Cie${NB}: l’«${NN}affaire${NN}» &amp; «${NN}Bagdad “la verte”${NN}»`],
    ["AT&T ; AT&amp;T ; 'non'", `AT&amp;T${NN}; AT&amp;amp;T${NN}; ‘non’`],
    ["Voir https://x.fr/1er?a=1&b=2 pour le 1er", `Voir https://x.fr/1er?a=1&amp;b=2 pour le 1<sup>er</sup>`],
    // a comment opened and never closed, or a declaration, is text, shown as typed; the prose around it is typeset
    ["Un titre <!--", "Un titre &lt;!--"],
    ["Fin <!-- ou pas ? <?php", `Fin &lt;!-- ou pas${NN}? &lt;?php`],
  ])("%j", (input, expected) => {
    expectSame(typesetHtml(input), expected);
    // A list's item typesets its title once, then makes its HTML of that.
    expectSame(htmlOfTypeset(typesetText(input)), expected);
  });
});

describe("frenchTypography (markdown-it)", () => {
  test.each([
    // context across tokens split at emphasis and links
    ["**mot**?", `<p><strong>mot</strong>${NN}?</p>\n`],
    ["**mot** ?", `<p><strong>mot</strong>${NN}?</p>\n`],
    ["*mot* *?*", `<p><em>mot</em>${NN}<em>?</em></p>\n`],
    ["**Lire aussi :** [titre](/2021/12/09/x/)", `<p><strong>Lire aussi${NB}:</strong> <a href="/2021/12/09/x/">titre</a></p>\n`],
    ["« **nous** »", `<p>«${NN}<strong>nous</strong>${NN}»</p>\n`],
    ["«**nous**»", `<p>«${NN}<strong>nous</strong>${NN}»</p>\n`],
    ['"**mot**"', `<p>«${NN}<strong>mot</strong>${NN}»</p>\n`],
    // a quotation opened in an earlier token is not seen: the one inside it gets « » again
    ['l\'"*affaire*" et "*un* "deux" trois"', `<p>l’«${NN}<em>affaire</em>${NN}» et «${NN}<em>un</em> «${NN}deux${NN}» trois${NN}»</p>\n`],
    ['"*un* "deux" trois"', `<p>«${NN}<em>un</em> «${NN}deux${NN}» trois${NN}»</p>\n`],
    // within one token, three levels
    ['Il a dit : "elle a écrit "ils ont crié "non"""', `<p>Il a dit${NB}: «${NN}elle a écrit “ils ont crié ‘non’”${NN}»</p>\n`],
    ["l'*Irak*", "<p>l’<em>Irak</em></p>\n"],
    ["`ls`?", `<p><code>ls</code>${NN}?</p>\n`],
    ["Il a dit '*non*' hier", "<p>Il a dit ‘<em>non</em>’ hier</p>\n"],
    ["dit *'non'*", "<p>dit <em>‘non’</em></p>\n"],
    ["Il a dit\n'non'", "<p>Il a dit\n‘non’</p>\n"],
    ["'[lien](/x/)' et '`x`'", `<p>‘<a href="/x/">lien</a>’ et ‘<code>x</code>’</p>\n`],
    // a reference typed escaped is shown as written, its `;` unspaced
    ["Procter & Gamble ; R&D ; \\&amp; ; &amp;lt;", `<p>Procter &amp; Gamble${NN}; R&amp;D${NN}; &amp;amp;${NN}; &amp;lt;</p>\n`],
    // ordinals raised with html_inline tokens made here
    ["Le 1er mai et le XIXe siècle.", "<p>Le 1<sup>er</sup> mai et le XIX<sup>e</sup> siècle.</p>\n"],
    ["## Le 2ème tour", "<h2>Le 2<sup>e</sup> tour</h2>\n"],
    // never code, link targets, autolinks, image descriptions, raw HTML shown as text
    ["`a?b 'c' \"d\" 30000`", "<p><code>a?b 'c' &quot;d&quot; 30000</code></p>\n"],
    [
      "[l'a](https://x.fr/l'a 'titre') <https://x.fr/'a'>",
      `<p><a href="https://x.fr/l'a" title="titre">l’a</a> <a href="https://x.fr/'a'">https://x.fr/'a'</a></p>\n`,
    ],
    // a code block, which may scroll sideways, focusable (axe's scrollable-region-focusable)
    ["```\ncode ? 'x' 30000\n```", "<pre tabindex=\"0\"><code>code ? 'x' 30000\n</code></pre>\n"],
    ["```js\nx ? 1\n```", '<pre tabindex="0"><code class="language-js">x ? 1\n</code></pre>\n'],
    ["    code ? 'x'", "<pre tabindex=\"0\"><code>code ? 'x'\n</code></pre>\n"],
    ["[lien?](https://x.fr/?q=1;a) !", `<p><a href="https://x.fr/?q=1;a">lien${NN}?</a>${NN}!</p>\n`],
    ["<https://x.fr/a?b>", '<p><a href="https://x.fr/a?b">https://x.fr/a?b</a></p>\n'],
    ["<redaction@example.fr>", '<p><a href="mailto:redaction@example.fr">redaction@example.fr</a></p>\n'],
    ["![l'image: 10000](a.png)", `<p><img src="a.png" alt="l'image: 10000" loading="lazy" decoding="async" /></p>\n`],
    // an image's alt text: its description's text, an entity's, an escape's and a code span's too (markdown-it drops them), escaped
    [
      '![AT&amp;T \\* `<x>` *em* ![in](b.png)\nfin](a.png "t")',
      '<p><img src="a.png" alt="AT&amp;T * &lt;x&gt; em in\nfin" title="t" loading="lazy" decoding="async" /></p>\n',
    ],
    ['<a href="x?">lien</a>; &lt;b&gt;', `<p>&lt;a href=&quot;x?&quot;&gt;lien&lt;/a&gt;${NN}; &lt;b&gt;</p>\n`],
    ["Partager cet article? https://turquie2023.com/Ivo58D", `<p>Partager cet article${NN}? https://turquie2023.com/Ivo58D</p>\n`],
    ["Voir https://x.fr/2e/ et le 2e tour", "<p>Voir https://x.fr/2e/ et le 2<sup>e</sup> tour</p>\n"],
    ["Écrire à redaction@example.fr; merci", `<p>Écrire à redaction@example.fr${NN}; merci</p>\n`],
    // an HTML comment, shown as text, exactly as typed, on one line or several; the text around it typeset
    ['Avant <!-- note : à revoir ; "oui" ? --> après?', `<p>Avant &lt;!-- note : à revoir ; &quot;oui&quot; ? --&gt; après${NN}?</p>\n`],
    ['<!--\nnote : à revoir ; "oui" ?\n-->\nFin?', `<p>&lt;!--\nnote : à revoir ; &quot;oui&quot; ?\n--&gt;\nFin${NN}?</p>\n`],
    ["<!DOCTYPE html> <?php echo 1; ?> Oui?", `<p>&lt;!DOCTYPE html&gt; &lt;?php echo 1; ?&gt; Oui${NN}?</p>\n`],
    // template tags, shown and never run, as typed, across emphasis and lines too
    ['Voir {% include "x" %} et {{ titre : "a" }} ici: fin', `<p>Voir {% include &quot;x&quot; %} et {{ titre : &quot;a&quot; }} ici${NB}: fin</p>\n`],
    ['{{ *a* : "b"\n}} c?', `<p>{{ <em>a</em> : &quot;b&quot;\n}} c${NN}?</p>\n`],
    // the text between two tags is prose
    ['{% if a %}Oui : "b"{% endif %}', `<p>{% if a %}Oui${NB}: «${NN}b${NN}»{% endif %}</p>\n`],
    ["{# note ; 2e #} le 2e", "<p>{# note ; 2e #} le 2<sup>e</sup></p>\n"],
    ["<%= 7*7 %> et 7 %", `<p>&lt;%= 7*7 %&gt; et 7${NB}%</p>\n`],
    // an opening never closed is text
    ['Un {{ seul : "a" ?', `<p>Un {{ seul${NB}: «${NN}a${NN}»${NN}?</p>\n`],
    // an opening inside a comment or a tag is its text; one never closed before others is text too
    ["{{ a <!-- b }} c?", `<p>{{ a &lt;!-- b }} c${NN}?</p>\n`],
    ["<!-- a {% b --> c %} d?", `<p>&lt;!-- a {% b --&gt; c %} d${NN}?</p>\n`],
    ["{% a <!-- b %} c? -->", `<p>{% a &lt;!-- b %} c${NN}? --&gt;</p>\n`],
    ["{# a <% b #} c? {# d <% e %}", `<p>{# a &lt;% b #} c${NN}? {# d &lt;% e %}</p>\n`],
    ["{{% a : b %} c?", `<p>{{% a : b %} c${NN}?</p>\n`],
    ["Un commentaire <!-- jamais fermé !", `<p>Un commentaire &lt;!-- jamais fermé${NN}!</p>\n`],
  ])("%j", (source, html) => {
    expectSame(renderMarkdown(source), html);
  });

  test("the first paragraph read from the same parse keeps the typography", () => {
    const tokens = createMarkdown().parse("Le 1er mai, **enfin**? Oui.", {});
    const text = tokens[1]!
      .children!.filter((t) => t.type === "text")
      .map((t) => t.content)
      .join("");
    expectSame(text, `Le 1er mai, enfin${NN}? Oui.`);
  });

  test("renders a real dispatch with French quotation marks and spaces", () => {
    const html = renderMarkdown(IRAK_BODY);
    expect(html).toContain(`dans un tweet${NB}: «${NN}nous avons achevé, aujourd’hui,`);
    expect(html).toContain(`leur retrait d’Irak${NN}».`);
    expect(html).toContain(`expliqué que «${NN}les relations`);
    expect(html).toContain(`responsabilisation${NN}».`);
    expect(html).toContain(`environ 3${NN}000 soldats de la Coalition déployés dans le pays, dont 2${NN}500 Américains`);
    expect(html).toContain("Le 5 janvier 2020, le Parlement");
    expect(html).toContain("en 2017.");
    // No guillemet keeps an ordinary or no-break space.
    expect(html).not.toMatch(/« |«\u00a0| »|\u00a0»/);
  });
});

describe("no input is slow", () => {
  // Runs of the characters a pattern opens with: each took quadratic time before (40,000 digits
  // after an ordinal, 2 s; 200,000, about a minute). Linear, all of them take well under a second
  // together; the child process is killed at the deadline, so a regression fails here instead of
  // hanging the suite. No timing is asserted, only that it finishes.
  const hostile: [name: string, before: string, run: string, after: string][] = [
    ["digits after an ordinal", "Le 1er jour, la valeur était ", "7", ""],
    ["digits before a unit", "", "1", "k"],
    ["a Roman run after an ordinal", "Le 1er ", "M", "x"],
    ["a Roman run before a spelled ordinal", "XIXème ", "X", "ème"],
    ["spaces before punctuation", "a", " ", "b ?"],
    ["spaces before a closing guillemet", "« a", " ", "b »"],
    ["spaces after a mark", "!", " ", "x"],
    ["a long word before an @", "", "x", " @"],
    ["dotted letters before a URL", "", "a.", " http://x"],
    ["dots after a URL", "http://x", ".", " @"],
    ["a tag never closed", "<a", "b", ""],
    ["ampersands before a semicolon", "", "&a", ";"],
    ["quotes after spaces", "", " '", "x"],
    ["spaces before a link that starts with ?", "a", " ", "b [?](x)"],
    ["comments never closed", "", "<!-- ", ""],
    ["template tags never closed", "", "{{ ", ""],
    ["template tags never closed, with %", "", "{% ", ""],
    ["template tags never closed, with #", "", "{# ", ""],
    ["template tags never closed, in angles", "", "<% ", ""],
  ];

  test("every run of a repeated character is typeset in one pass", () => {
    const script = `
      const { typesetHtml, typesetText } = await import(${modulePath("../../src/text/typography.ts", import.meta.url)});
      const { renderMarkdown } = await import(${modulePath("../../src/text/markdown.ts", import.meta.url)});
      for (const [name, before, run, after] of ${JSON.stringify(hostile)}) {
        const text = before + run.repeat(200_000 / run.length) + after;
        process.stdout.write(name + "\\n");
        typesetText(text); typesetHtml(text); renderMarkdown(text);
      }
      process.stdout.write("done\\n");`;
    const { last, stderr } = runWithDeadline(script);
    expect(stderr).toBe("");
    expect(last, `still typesetting "${last}" after 30 s`).toBe("done");
  }, 60_000);
});
