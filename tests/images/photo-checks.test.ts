import { symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { afterEach, describe, expect, it } from "vitest";
import { runCheck } from "../../src/cli/check.ts";
import { formatDiagnostic } from "../../src/content/diagnostics.ts";
import { MAX_PHOTO_BYTES } from "../../src/images/photo-limits.ts";
import { makeArchive, type TestArchive } from "../helpers/archive.ts";
import { runInProcess } from "../helpers/cli.ts";
import { makePhoto, tiffWithTags } from "../helpers/photos.ts";
import { buildArchive } from "../helpers/site.ts";
import { fr } from "../helpers/french.ts";

let archive: TestArchive;
afterEach(() => archive?.remove());

// The image block sits on lines 6–9 of an article file written by articleText: `src` on line 7, column 8.
function withPhoto(src: string, fields: { alt?: string; credit?: string; caption?: string } = {}): { extra: string } {
  const lines = [
    "image:",
    `  src: ${src}`,
    `  alt: ${JSON.stringify(fields.alt ?? "Des soldats quittent une base")}`,
    `  credit: ${JSON.stringify(fields.credit ?? "AA / Nom du photographe")}`,
    ...(fields.caption !== undefined ? [`  caption: ${JSON.stringify(fields.caption)}`] : []),
  ];
  return { extra: lines.join("\n") };
}

async function check(): Promise<{ status: number | null; lines: string[]; stdout: string }> {
  const r = await runInProcess("check", runCheck, ["--content", archive.dir]);
  return { status: r.status, lines: r.stderr.trim().split("\n"), stdout: r.stdout };
}

describe("depeche check, on photos", () => {
  it("accepts an article with a photo, its caption optional, and one without", async () => {
    archive = makeArchive();
    archive.write("images/2021/12/irak.jpg", await makePhoto());
    archive.article("2021/12/09-a.md", { title: "Un", ...withPhoto("images/2021/12/irak.jpg", { caption: "Bagdad, le 9 décembre." }) });
    archive.article("2021/12/10-b.md", { title: "Deux", date: "2021-12-10", ...withPhoto("images/2021/12/irak.jpg") });
    archive.article("2021/12/11-c.md", { title: "Trois", date: "2021-12-11" });
    const r = await check();
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^depeche check: 3 articles/);
  });

  it.each([
    ["alt", { alt: "" }, 8, fr`« image.alt » est vide : décrivez ce que montre la photo pour qui ne la voit pas`],
    ["credit", { credit: "  " }, 9, fr`« image.credit » est vide : indiquez l’agence et le photographe`],
  ])("refuses an empty %s at its line", async (_key, fields, line, message) => {
    archive = makeArchive();
    archive.write("images/a.jpg", await makePhoto());
    archive.article("a.md", withPhoto("images/a.jpg", fields));
    const r = await check();
    expect(r.status).toBe(1);
    expect(r.lines[0]).toContain(`${archive.display("articles/a.md")}:${line}:`);
    expect(r.lines[0]).toContain(`: error: ${message}`);
  });

  it("refuses a photo without alt or credit, naming the missing key", async () => {
    archive = makeArchive();
    archive.article("a.md", { extra: "image:\n  src: images/a.jpg" });
    const r = await check();
    expect(r.status).toBe(1);
    expect(r.lines.filter((l) => l.includes(fr`: error: clé obligatoire « alt » absente`))).toHaveLength(1);
    expect(r.lines.filter((l) => l.includes(fr`: error: clé obligatoire « credit » absente`))).toHaveLength(1);
  });

  it("reports every bad photo file in one run, each at its article's src line, and warns about a narrow one", async () => {
    archive = makeArchive();
    archive.write("images/gif.gif", await makePhoto({ format: "gif", width: 1300, height: 700 }));
    archive.write("images/bruit.jpg", Buffer.from("ceci n’est pas une image, seulement du texte".repeat(20)));
    archive.write("images/etroite.jpg", await makePhoto({ width: 800, height: 600 }));
    archive.write("images/haute.jpg", await makePhoto({ width: 1200, height: 3700 }));
    archive.write("images/dossier/x.txt", "un dossier");
    archive.write("images/vraie.jpg", await makePhoto());
    symlinkSync(join(archive.dir, "images/vraie.jpg"), join(archive.dir, "images/lien.jpg"));
    const cases = {
      "a-manquante.md": ["images/absente.jpg", fr`error: la photo « images/absente.jpg » est introuvable : vérifiez le chemin, relatif à content/`],
      "b-prefixe.md": ["content/images/vraie.jpg", fr`(écrivez « images/vraie.jpg », sans « content/ »)`],
      "c-gif.md": ["images/gif.gif", fr`error: la photo « images/gif.gif » est au format GIF, que Dépêche ne publie pas`],
      "d-bruit.md": ["images/bruit.jpg", fr`error: la photo « images/bruit.jpg » est endommagée ou n’est pas une image`],
      "e-lien.md": ["images/lien.jpg", fr`error: la photo « images/lien.jpg » est un lien symbolique`],
      "f-dehors.md": ["../dehors.jpg", fr`error: la photo « ../dehors.jpg » n’est pas sous le dossier content/`],
      "g-dossier.md": ["images/dossier", fr`error: « images/dossier » n’est pas un fichier`],
      "h-etroite.md": ["images/etroite.jpg", fr`warning: la photo « images/etroite.jpg » fait 800 pixels de large, moins que les 1\u202f200`],
      "i-haute.md": [
        "images/haute.jpg",
        fr`warning: la photo « images/haute.jpg » fait 1\u202f200 × 3\u202f700 pixels, 3,1 fois plus haute que large : la page montre la photo d’un article sur 60\u202f% de la hauteur de l’écran au plus`,
      ],
    };
    for (const [i, [name, [src]]] of Object.entries(cases).entries()) archive.article(name, { title: `Dépêche ${i}`, ...withPhoto(src!) });
    const r = await check();
    expect(r.status).toBe(1);
    for (const [name, [, message]] of Object.entries(cases)) {
      const line = r.lines.find((l) => l.startsWith(`${archive.display(`articles/${name}`)}:7:8: `));
      expect(line, name).toBeDefined();
      expect(line).toContain(message);
    }
    // The photo the misspelt path meant is shown by no article, which is said too.
    expect(r.lines).toContain(
      fr`${archive.display("images")}:1:1: warning: la photo « images/vraie.jpg » n’est montrée par aucun article : le dépôt, souvent public, la publie sans que le site la montre ; donnez-la à un article (champ « image » de l’en-tête), ou supprimez-la (git rm) si elle ne sert plus`,
    );
    expect(r.lines.at(-1)).toMatch(/^depeche check: 7 erreurs, 3 avertissements dans 9 fichiers d’articles/);
  });

  it("warns, at the photo's file, of a photo that gives its GPS position, not of one that gives only its camera; a build's memo says it too", async () => {
    archive = makeArchive();
    const gps = { IFD3: { GPSLatitudeRef: "N", GPSLatitude: "33/1 18/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "44/1 22/1 0/1" } };
    archive.write("images/gps.jpg", await makePhoto({ exif: { IFD0: { Make: "Nikon" }, ...gps } }));
    archive.write("images/appareil.jpg", await makePhoto({ exif: { IFD0: { Make: "Nikon" } } }));
    archive.article("a.md", { title: "Un", ...withPhoto("images/gps.jpg") });
    archive.article("b.md", { title: "Deux", date: "2021-12-10", ...withPhoto("images/appareil.jpg") });
    const warning = fr`${archive.display("images/gps.jpg")}:1:1: warning: la photo « images/gps.jpg » porte la position GPS de la prise de vue : le dépôt, souvent public, la publie avec le fichier`;
    const r = await check();
    expect(r.status).toBe(0);
    expect(r.lines.filter((l) => l.includes("warning"))).toEqual([expect.stringContaining(warning)]);
    expect(r.lines[0]).toContain("depeche import --image");
    // Read from the memo a build left, unread: the warning is the same.
    await buildArchive(archive);
    const again = await runInProcess("check", runCheck, ["--content", archive.dir, "--cache", join(archive.root, "cache")]);
    expect(
      again.stderr
        .trim()
        .split("\n")
        .filter((l) => l.includes("warning")),
    ).toEqual([expect.stringContaining(warning)]);
  });

  // The repository holds every file of content/images/, shown or not: each one's position is as public.
  it("warns of a GPS position in every photo file of the photo folders, once at each file, whether articles show it or not", async () => {
    archive = makeArchive();
    const gps = { IFD3: { GPSLatitudeRef: "N", GPSLatitude: "33/1 18/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "44/1 22/1 0/1" } };
    archive.write("images/2021/12/montree.jpg", await makePhoto({ exif: gps }));
    archive.write("images/2020/01/oubliee.jpg", await makePhoto({ exif: gps }));
    archive.write("images/2020/01/sans-position.png", await makePhoto({ format: "png" }));
    // A TIFF gives its position in its own tags; the extension's case does not matter.
    archive.write("images/2020/01/scan.TIFF", tiffWithTags(await makePhoto({ format: "tiff", width: 1300, height: 800 }), { 271: "Nikon" }, { gps: true }));
    archive.write("images/2020/01/notes.txt", "crédits des photos");
    // A folder of photos other than images/, which an article's photo is in: its other files are looked at too.
    archive.write("photos/2021/montree.webp", await makePhoto({ format: "webp" }));
    archive.write("photos/2019/ancienne.jpg", await makePhoto({ exif: gps }));
    // A symbolic link is not followed: the file it leads to is not the archive's.
    symlinkSync(join(archive.dir, "images/2020/01/oubliee.jpg"), join(archive.dir, "images/lien.jpg"));
    archive.article("a.md", { title: "Un", ...withPhoto("images/2021/12/montree.jpg") });
    archive.article("b.md", { title: "Deux", date: "2021-12-10", ...withPhoto("images/2021/12/montree.jpg") });
    archive.article("c.md", { title: "Trois", date: "2021-12-11", ...withPhoto("photos/2021/montree.webp") });
    const r = await check();
    expect(r.status).toBe(0);
    const gpsLines = r.lines.filter((l) => l.includes("porte la position GPS"));
    expect(gpsLines.map((l) => l.split(": warning: ")[0])).toEqual(
      ["images/2020/01/oubliee.jpg", "images/2020/01/scan.TIFF", "images/2021/12/montree.jpg", "photos/2019/ancienne.jpg"].map(
        (p) => `${archive.display(p)}:1:1`,
      ),
    );
    expect(gpsLines[0]).toContain(
      fr`warning: la photo « images/2020/01/oubliee.jpg » porte la position GPS de la prise de vue : le dépôt, souvent public, la publie avec le fichier (le site, lui, ne la montre pas) ; remplacez le fichier par la même photo jointe avec depeche import --image, ou exportée sans métadonnées de localisation`,
    );
    // The photos no article shows, in one warning, at the folder that holds them all.
    expect(r.lines.filter((l) => l.includes("aucun article"))).toEqual([
      fr`${archive.display(".")}:1:1: warning: 4 photos ne sont montrées par aucun article : « images/2020/01/oubliee.jpg », « images/2020/01/sans-position.png », « images/2020/01/scan.TIFF » et « photos/2019/ancienne.jpg » ; le dépôt, souvent public, les publie sans que le site les montre ; donnez chacune à un article (champ « image » de l’en-tête), ou supprimez celles qui ne servent plus (git rm)`,
    ]);
    expect(r.stdout).toMatch(/5 avertissements/);
    // A build reports the same.
    const built = await buildArchive(archive);
    expect(built.result.diagnostics.filter((d) => d.severity === "warning").map(formatDiagnostic)).toEqual(r.lines.filter((l) => l.includes(": warning: ")));
  });

  it("lists no photo as shown by no article while a file has errors (its photo may be one), but warns of each one's position", async () => {
    archive = makeArchive();
    const gps = { IFD3: { GPSLatitudeRef: "N", GPSLatitude: "33/1 18/1 0/1" } };
    archive.write("images/a.jpg", await makePhoto({ exif: gps }));
    archive.article("a.md", '---\ntitle: "Un\nimage: {src: images/a.jpg, alt: "x", credit: "AA"}\n---\nTexte.\n');
    const r = await check();
    expect(r.status).toBe(1);
    expect(r.lines.filter((l) => l.includes("aucun article"))).toEqual([]);
    expect(r.lines).toContainEqual(expect.stringMatching(new RegExp(`^${archive.display("images/a.jpg")}:1:1: warning: la photo`)));
  });

  it("takes an AVIF photo (which sharp reads as HEIF), and warns of a position given in XMP alone, as Lightroom writes it", async () => {
    archive = makeArchive();
    archive.write("images/photo.avif", await makePhoto({ format: "avif" }));
    const xmp = (gps: string): string =>
      `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" ${gps}/></rdf:RDF></x:xmpmeta>`;
    archive.write(
      "images/xmp.jpg",
      await sharp(await makePhoto())
        .withXmp(xmp('exif:GPSLatitude="33,18.0N" exif:GPSLongitude="44,22.0E"'))
        .jpeg()
        .toBuffer(),
    );
    archive.write(
      "images/auteur.jpg",
      await sharp(await makePhoto())
        .withXmp(xmp('exif:Artist="AA"'))
        .jpeg()
        .toBuffer(),
    );
    archive.article("a.md", { title: "Un", ...withPhoto("images/photo.avif") });
    archive.article("b.md", { title: "Deux", date: "2021-12-10", ...withPhoto("images/xmp.jpg") });
    archive.article("c.md", { title: "Trois", date: "2021-12-11", ...withPhoto("images/auteur.jpg") });
    const r = await check();
    expect(r.status).toBe(0);
    expect(r.lines.filter((l) => l.includes("warning"))).toEqual([
      expect.stringContaining(fr`${archive.display("images/xmp.jpg")}:1:1: warning: la photo « images/xmp.jpg » porte la position GPS`),
    ]);
  });

  it("checks photos even when another file has an error", async () => {
    archive = makeArchive();
    archive.article("a.md", { topics: "[Irack]" });
    archive.article("b.md", { title: "Deux", ...withPhoto("images/absente.jpg") });
    const r = await check();
    expect(r.lines.some((l) => l.startsWith(`${archive.display("articles/b.md")}:7:8: error: la photo`))).toBe(true);
    expect(r.lines.some((l) => l.startsWith(`${archive.display("articles/a.md")}:5:10: error: sujet inconnu`))).toBe(true);
  });

  it("checks the photo file of an article with errors, even in its image field, in the same run", async () => {
    archive = makeArchive();
    archive.write("images/2021/12/irak.jpg", await makePhoto());
    // An image field with an error of its own (an empty alt), and a file with another (an unknown topic).
    archive.article("a.md", { extra: 'image: {src: content/images/2021/12/irak.jpg, alt: "", credit: AA}' });
    archive.article("b.md", { title: "Deux", topics: "[Irack]", ...withPhoto("images/absente.jpg") });
    // A src that is no text is told as such, and no file is looked for.
    archive.article("c.md", { title: "Trois", extra: "image: {src: [x], alt: Une base, credit: AA}" });
    const r = await check();
    expect(r.status).toBe(1);
    const a = archive.display("articles/a.md");
    const b = archive.display("articles/b.md");
    const c = archive.display("articles/c.md");
    expect(r.lines.slice(0, -1)).toEqual([
      fr`${a}:6:14: error: la photo « content/images/2021/12/irak.jpg » est introuvable : vérifiez le chemin, relatif à content/ (écrivez « images/2021/12/irak.jpg », sans « content/ »)`,
      fr`${a}:6:52: error: « image.alt » est vide : décrivez ce que montre la photo pour qui ne la voit pas`,
      fr`${b}:5:10: error: sujet inconnu « Irack » (vouliez-vous dire « Irak » ?) : utilisez une entrée de topics.yaml, ou ajoutez-la`,
      fr`${b}:7:8: error: la photo « images/absente.jpg » est introuvable : vérifiez le chemin, relatif à content/`,
      fr`${c}:6:14: error: « image.src » doit être un chemin sous content/, par exemple src: images/2021/12/irak.jpg`,
    ]);
    // A build says the same.
    const built = await buildArchive(archive);
    expect(built.result.diagnostics.map(formatDiagnostic)).toEqual(r.lines.slice(0, -1));
  });

  it("refuses a photo over 20 MB, before reading it", async () => {
    archive = makeArchive();
    const file = archive.write("images/lourde.jpg", await makePhoto());
    writeFileSync(file, Buffer.alloc(MAX_PHOTO_BYTES + 1), { flag: "a" });
    archive.article("a.md", withPhoto("images/lourde.jpg"));
    const r = await check();
    expect(r.status).toBe(1);
    expect(r.lines[0]).toMatch(/:7:8: error: la photo «\u202fimages\/lourde\.jpg\u202f» pèse 20,1 Mo, plus que les 20 Mo permis/);
  });

  it("refuses a photo over 50 megapixels, from its header", async () => {
    archive = makeArchive();
    const huge = await sharp({ create: { width: 9000, height: 6000, channels: 3, background: "#808080" } })
      .jpeg({ quality: 30 })
      .toBuffer();
    archive.write("images/geante.jpg", huge);
    archive.article("a.md", withPhoto("images/geante.jpg"));
    const r = await check();
    expect(r.status).toBe(1);
    expect(r.lines[0]).toContain(
      fr`:7:8: error: la photo « images/geante.jpg » fait 9\u202f000 × 6\u202f000 pixels (54 mégapixels), plus que les 50 mégapixels permis`,
    );
  });
});
