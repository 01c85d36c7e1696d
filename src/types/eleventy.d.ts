// Eleventy ships no types; these are the parts Dépêche calls.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(
      input?: string,
      output?: string,
      options?: {
        quietMode?: boolean;
        configPath?: string;
        loader?: "esm" | "cjs" | "auto";
        /** Configures this run, before the configuration file does. */
        config?: (eleventyConfig: import("../pages/eleventy-config.ts").EleventyConfig) => void | Promise<void>;
      },
    );
    write(): Promise<unknown>;
    disableLogger(): void;
  }
}

declare module "@11ty/eleventy-dev-server" {
  export default class EleventyDevServer {
    static getServer(name: string, dir: string, options: Record<string, unknown>): EleventyDevServer;
    serve(port: number): void;
    ready(): Promise<void>;
    reload(event: { files?: string[]; subtype?: string }): void;
    getServerUrl(host: string, pathname?: string): string;
    close(): Promise<void>;
  }
}
