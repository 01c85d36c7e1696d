/** The few parts of Eleventy's configuration API that Dépêche uses. */
export interface EleventyConfig {
  addExtension(extensions: string | string[], engine: TemplateEngine): void;
  setTemplateFormats(formats: string | string[]): void;
  addGlobalData(name: string, data: unknown): void;
  setLibrary(name: string, library: unknown): void;
  setQuietMode(quiet: boolean): void;
  setUseGitIgnore(enabled: boolean): void;
}

/** A page template module: `templates/*.11ty.ts`. */
export interface TemplateModule {
  data: object;
  render(data: unknown): string;
}

/** A custom template language (https://www.11ty.dev/docs/languages/custom/). */
export interface TemplateEngine {
  outputFileExtension: string;
  /** false: Eleventy does not read the file; the engine imports it. */
  read: boolean;
  /** true: a template's data is its module's `data` export. */
  getData: boolean;
  getInstanceFromInputPath(inputPath: string): Promise<TemplateModule>;
  compileOptions: { cache: boolean };
  compile(source: string, inputPath: string): Promise<(data: unknown) => string | Buffer>;
}
