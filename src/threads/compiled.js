// Plain JavaScript, loaded before any TypeScript: Dépêche's TypeScript compiled ahead into
// JavaScript bundles, so that a command starts without tsx. tsx compiles every module on each
// start (from its cache) and sends each import through a loader thread of its own; bundles load
// at Node's own speed. A bundle runs only when it was compiled from exactly the sources beside it.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));

/** The modules a process or a thread starts from, and the bundle each becomes. */
const ENTRIES = {
  "src/cli/main.ts": "main",
  "src/pages/helper-thread.ts": "helper-thread",
  "src/search/indexer-thread.ts": "indexer-thread",
  "src/content/validate-thread.ts": "validate-thread",
  "src/content/survey-thread.ts": "survey-thread",
  // Eleventy imports its configuration itself.
  ".eleventy.ts": "eleventy-config",
};

/** Everything a bundle is made from: Dépêche's own code, and the versions of its libraries (locked, and installed: npm rewrites node_modules/.package-lock.json on every install). */
const SOURCES = ["src", "templates", ".eleventy.ts", "tsconfig.json", "package-lock.json", "node_modules/.package-lock.json"];

/** Libraries left outside the bundles: they start binaries or load native code from their own folders. */
const UNBUNDLED = ["pagefind", "@11ty/eleventy-dev-server", "sharp", "esbuild", "tsx", "playwright-core", "chokidar", "fsevents"];

// Other bundles are removed when no process has started from them for this long (each start
// touches its folder): a process still running from older ones may yet start threads from them.
const STALE_AFTER_MS = 3600 * 1000;

/** The folder of bundles this process runs from, once chosen (see useCompiled). */
let active;

/** The folder of bundles this thread runs from, or undefined when it runs the sources through tsx. */
export function activeCompiled() {
  return active;
}

/**
 * Chooses the bundles compiled from the sources as they are now, compiling them first when
 * there are none: their folder, or undefined when they can't be had (DEPECHE_TSX=1, or no
 * esbuild, or a read-only folder), and the sources then run through tsx as they are.
 */
export async function useCompiled() {
  if (process.env.DEPECHE_TSX === "1") return undefined;
  try {
    const folder = join(root, ".depeche", "compiled", sourceDigest());
    if (existsFolder(folder)) utimesSync(folder, new Date(), new Date());
    else await compile(folder);
    active = folder;
  } catch {
    active = undefined;
  }
  return active;
}

/** Runs from bundles already chosen by the thread that started this one. */
export function adoptCompiled(folder) {
  active = folder;
}

/** The bundle of an entry module (a `file:` URL of a source), when this thread runs from bundles. */
export function compiledModule(entry) {
  if (!active) return undefined;
  const name = ENTRIES[relative(root, fileURLToPath(entry)).split(sep).join("/")];
  return name && pathToFileURL(join(active, `${name}.js`));
}

/**
 * A digest of every source file, of where they are (bundles name them by path) and of the
 * compiler's version: any change to the code, however small, gives other bundles.
 */
export function sourceDigest() {
  const hash = createHash("sha256");
  hash.update(`${root}\0${process.version}\0`);
  hash.update(readFileSync(join(root, "node_modules/esbuild/package.json")));
  for (const source of SOURCES) {
    const path = join(root, source);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) {
      hash.update(`\0${source} absent\0`);
      continue;
    }
    const files = stat.isDirectory()
      ? readdirSync(path, { recursive: true })
          .map((file) => join(source, file))
          .filter((file) => /\.(ts|js|json)$/.test(file))
          .sort()
      : [source];
    for (const file of files) hash.update(`\0${file}\0`).update(readFileSync(join(root, file)));
  }
  return hash.digest("hex").slice(0, 24);
}

function existsFolder(folder) {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}

/** Compiles every entry into `folder`, written whole under another name first, then renamed. */
async function compile(folder) {
  const { build, stop } = await import("esbuild");
  const staging = `${folder}.${process.pid}-${Date.now()}.tmp`;
  mkdirSync(staging, { recursive: true });
  try {
    await build({
      absWorkingDir: root,
      entryPoints: Object.fromEntries(Object.entries(ENTRIES).map(([source, name]) => [name, join(root, source)])),
      outdir: staging,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      // Libraries are bundled too: loading Eleventy's hundreds of files one by one is most of a
      // small build's start-up. Those that spawn or load native binaries stay outside.
      external: UNBUNDLED,
      // CommonJS libraries bundled into ES modules still call require() for Node's own modules.
      banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
      tsconfig: join(root, "tsconfig.json"),
      // tsx keeps every function's name, at a cost for each closure made; nothing here reads them.
      keepNames: false,
      logLevel: "silent",
      plugins: [keepSourceLocations],
    });
    try {
      renameSync(staging, folder);
    } catch (error) {
      // Another process compiled the same sources first: theirs is the same.
      if (!existsFolder(folder)) throw error;
    }
    removeStaleBundles(folder);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    // esbuild's service process would otherwise live as long as the command (100–150 MB beside a
    // 100,000-article build); a later compilation starts another.
    await stop();
  }
}

/**
 * Inside a bundle, each module still finds files beside its source (`new URL("../../public/",
 * import.meta.url)`, a thread's module): its `import.meta.url` is its source's. The plain
 * JavaScript modules of src/threads stay outside the bundles, so that a process has one of each
 * (this one holds which bundles run).
 */
const keepSourceLocations = {
  name: "keep-source-locations",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (args) =>
      isOurs(args.importer) ? { path: pathToFileURL(join(args.resolveDir, args.path)).href, external: true } : undefined,
    );
    build.onLoad({ filter: /\.ts$/ }, (args) => ({ contents: locatedSource(args.path), loader: "ts" }));
    build.onLoad({ filter: /\.[cm]?js$/ }, (args) => ({ contents: locatedSource(args.path), loader: "js" }));
  },
};

const isOurs = (path) => !relative(root, path).startsWith("..") && !path.includes(`${sep}node_modules${sep}`);

/**
 * A module's source, with its own location written in: libraries find their own files too
 * (Eleventy reads its package.json beside its sources), in ES modules through `import.meta` and
 * in CommonJS through `__dirname` and `__filename`.
 */
function locatedSource(path) {
  const source = readFileSync(path, "utf8")
    .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(path).href))
    .replaceAll("import.meta.dirname", JSON.stringify(dirname(path)))
    .replaceAll("import.meta.filename", JSON.stringify(path));
  const commonJs =
    /\b__(dirname|filename)\b/.test(source) && !/\b(const|let|var)\s+__(dirname|filename)\b/.test(source) && !/^\s*(import|export)\s/m.test(source);
  return commonJs ? `var __dirname = ${JSON.stringify(dirname(path))}, __filename = ${JSON.stringify(path)};\n${source}` : source;
}

function removeStaleBundles(kept) {
  const parent = join(kept, "..");
  for (const name of readdirSync(parent)) {
    const path = join(parent, name);
    if (path === kept) continue;
    try {
      if (Date.now() - statSync(path).mtimeMs > STALE_AFTER_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed meanwhile by another process.
    }
  }
}
