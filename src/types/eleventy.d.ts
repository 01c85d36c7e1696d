// Eleventy ships no types; these are the parts Dépêche calls.
declare module "@11ty/eleventy" {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: { quietMode?: boolean; configPath?: string; runMode?: "build" | "serve" | "watch"; source?: "cli" | "script" });
    write(): Promise<unknown>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    close(): Promise<void>;
  }
}
