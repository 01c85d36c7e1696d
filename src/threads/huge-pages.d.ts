// The types of huge-pages.js, for its tests and the build.
export declare const HUGE_PAGES_TUNABLE: string;
export declare const HUGE_PAGES_FROM_FILES: number;
export interface HugePagesSystem {
  platform: string;
  execArgv: readonly string[];
  glibc: () => string | undefined;
  thp: () => string | undefined;
  countArticles: (contentDir: string, atMost: number) => number;
}
export declare function hugePagesEnvironment(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  system: HugePagesSystem,
  fromFiles?: number,
): NodeJS.ProcessEnv | undefined;
export declare const thisSystem: HugePagesSystem;
export declare function countArticles(contentDir: string, atMost: number): number;
export declare function relaunchWithHugePages(argv: readonly string[], runHere: () => Promise<void>): boolean;
export declare function stopIfOrphaned(): void;
