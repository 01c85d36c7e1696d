/**
 * What editors read about photos, in French, in one place (to move into the CLI's catalogue).
 * Each says what is wrong and how to fix it.
 */
import { MAX_PHOTO_BYTES, MAX_PHOTO_PIXELS, MIN_PHOTO_WIDTH, PHOTO_FORMATS } from "./photo-limits.ts";

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`;
const megapixels = (pixels: number): string => `${(pixels / 1_000_000).toLocaleString("fr-FR", { maximumFractionDigits: 1 })} mégapixels`;
const formats = PHOTO_FORMATS.map((f) => f.toUpperCase()).join(", ");

export const photoMessages = {
  outsideContent: (src: string): string =>
    `la photo « ${src} » n’est pas sous le dossier content/ : indiquez un chemin relatif à content/, par exemple images/2021/12/irak.jpg`,
  missing: (src: string, hint: string): string => `la photo « ${src} » est introuvable : vérifiez le chemin, relatif à content/${hint}`,
  startsWithContent: (rest: string): string => ` (écrivez « ${rest} », sans « content/ »)`,
  symlink: (src: string): string =>
    `la photo « ${src} » est un lien symbolique : Dépêche ne suit pas les liens, copiez le fichier lui-même dans content/images/`,
  notAFile: (src: string): string => `« ${src} » n’est pas un fichier : indiquez le chemin d’une photo`,
  unreadable: (src: string, reason: string): string => `la photo « ${src} » ne peut pas être lue (${reason}) : vérifiez ses droits d’accès`,
  tooLarge: (src: string, bytes: number): string =>
    `la photo « ${src} » pèse ${megabytes(bytes)}, plus que les ${megabytes(MAX_PHOTO_BYTES)} permis : exportez-la en JPEG de qualité 85 à 2 400 pixels de large`,
  tooManyPixels: (src: string, width: number, height: number): string =>
    `la photo « ${src} » fait ${width} × ${height} pixels (${megapixels(width * height)}), plus que les ${megapixels(MAX_PHOTO_PIXELS)} permis : réduisez-la à 2 400 pixels de large`,
  unsupported: (src: string, format: string): string =>
    `la photo « ${src} » est au format ${format.toUpperCase()}, que Dépêche ne publie pas : exportez-la dans l’un des formats ${formats}`,
  corrupt: (src: string): string =>
    `la photo « ${src} » est endommagée ou n’est pas une image : exportez-la de nouveau (JPEG de préférence) et remplacez le fichier`,
  narrow: (src: string, width: number): string =>
    `la photo « ${src} » fait ${width} pixels de large, moins que les ${MIN_PHOTO_WIDTH} qu’il faut aux grands aperçus (réseaux sociaux, Google) : utilisez-en une plus grande si vous l’avez`,
  undecodable: (src: string, reason: string): string =>
    `la photo « ${src} » n’a pas pu être convertie (${reason}) : elle est sans doute endommagée ; exportez-la de nouveau et remplacez le fichier`,
  /** The build's progress and summary lines. */
  encoding: (done: number, total: number): string => `${done.toLocaleString("fr-FR")}/${total.toLocaleString("fr-FR")} photos prêtes`,
  encoded: (encoded: number, cached: number, seconds: string): string =>
    `${encoded === 0 ? "aucune photo encodée" : encoded === 1 ? "1 photo encodée" : `${encoded.toLocaleString("fr-FR")} photos encodées`}, ${cached.toLocaleString("fr-FR")} en cache (${seconds} s)`,
  import: {
    notAFile: (file: string): string => `--image ${file} : ce fichier est introuvable ou n’est pas un fichier`,
    needsCredit: '--image demande --credit "AA / Nom du photographe" : une photo publiée porte toujours son crédit',
    creditWithoutImage: "--credit, --alt et --caption vont avec --image : indiquez la photo à joindre",
    oneArticle: "--image joint une photo à un seul article : importez les dépêches une à une",
    needsAlt: '--image demande --alt "…" : décrivez ce que montre la photo, pour qui ne la voit pas',
    format: (file: string): string => `--image ${file} : ce format n’est pas publié ; exportez la photo en JPEG, PNG, WebP, AVIF ou TIFF`,
    noFreeName: (file: string): string => `--image ${file} : les noms de cette photo sont tous pris ce mois-ci dans content/images/ ; renommez le fichier`,
  },
};
