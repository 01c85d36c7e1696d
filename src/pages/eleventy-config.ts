/** The few parts of Eleventy's configuration API that Dépêche uses. */
export interface EleventyConfig {
  addExtension(extensions: string | string[], engine: TemplateEngine): void;
  setTemplateFormats(formats: string | string[]): void;
  addGlobalData(name: string, data: unknown): void;
  setQuietMode(quiet: boolean): void;
  setUseGitIgnore(enabled: boolean): void;
  /** Eleventy's timings, each group of which may print a line of its own ("[11ty] Benchmark …"). */
  benchmarkManager: { getAll(): Record<string, { setIsVerbose(verbose: boolean): void }> };
}

/** A custom template language (https://www.11ty.dev/docs/languages/custom/). */
export interface TemplateEngine {
  outputFileExtension: string;
  /** false: Eleventy does not read the file. */
  read: boolean;
  /** true: a template's data is the `data` of the instance `getInstanceFromInputPath` gives. */
  getData: boolean;
  getInstanceFromInputPath(inputPath: string): Promise<{ data: object }>;
  compileOptions: { cache: boolean };
  compile(source: string, inputPath: string): Promise<(data: unknown) => string | Buffer>;
}
