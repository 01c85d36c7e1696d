// The types of run-typescript.js, for the TypeScript that starts threads with its library lists.
export declare const CONTENT_LIBRARIES: readonly string[];
export declare const WRITING_LIBRARIES: readonly string[];
export declare const COMMAND_LIBRARIES: ReadonlyMap<string, readonly string[]>;
export declare function runTypeScript(entry: URL, libraries: readonly string[], compiled?: string): Promise<void>;
export declare function compiledForThreads(): string;
export declare function eleventyConfigPath(source: string): string;
