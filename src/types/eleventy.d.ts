// Eleventy ships no types; these are the parts Dépêche and its tests call.
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
    /** Reads the configuration (`write` does it first). */
    init(): Promise<void>;
    /** Its timings, by group (`BenchmarkManager`). */
    bench: {
      get(group: string): { add(name: string, run: () => void): () => void; setIsVerbose(verbose: boolean): void };
      reset(): void;
      finish(): void;
    };
  }
}

declare module "@11ty/eleventy-dev-server" {
  export default class EleventyDevServer {
    static getServer(name: string, dir: string, options: Record<string, unknown>): EleventyDevServer;
    serve(port: number): void;
    /** The HTTP server, made at its first use. */
    readonly server: import("node:http").Server;
    /** How `serve` listens: on every interface, unless replaced. */
    _serverListen(port: number): void;
    ready(): Promise<void>;
    reload(event: { files?: string[]; subtype?: string }): void;
    getServerUrl(host: string, pathname?: string): string;
    close(): Promise<void>;
  }
}
