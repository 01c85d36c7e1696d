/** The few parts of Eleventy's configuration API that Dépêche uses. */
export interface EleventyConfig {
  addExtension(extensions: string | string[], options: { key: string }): void;
  setTemplateFormats(formats: string | string[]): void;
  addGlobalData(name: string, data: unknown): void;
  addTransform(name: string, transform: (this: unknown, content: string) => string): void;
  setLibrary(name: string, library: unknown): void;
  setQuietMode(quiet: boolean): void;
}
