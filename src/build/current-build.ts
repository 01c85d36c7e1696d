import type { BuildData } from "./site-data.ts";

// The build command computes the site before Eleventy starts and hands it over here, so that
// .eleventy.ts stays a thin adapter and the model is computed once, not per template.
let current: { data: BuildData; onPage?: () => void } | undefined;

/** Hands the planned site to the Eleventy adapter for the next run. */
export function setCurrentBuild(data: BuildData, onPage?: () => void): void {
  current = { data, ...(onPage ? { onPage } : {}) };
}

/** The planned site, if the build command set one. */
export function currentBuild(): { data: BuildData; onPage?: () => void } | undefined {
  return current;
}

export function clearCurrentBuild(): void {
  current = undefined;
}
