import type { BuildData } from "../plan/site-data.ts";

// The build command computes the site before Eleventy starts and hands it over here, so that
// .eleventy.ts stays a thin adapter and the model is computed once, not per template.
// The slot lives on globalThis: Eleventy imports .eleventy.ts with Node's own loader, which
// under a test runner is not the module instance the build used.
interface CurrentBuild {
  data: BuildData;
  onPage?: () => void;
}
const SLOT = Symbol.for("depeche.currentBuild");
const slots = globalThis as { [SLOT]?: CurrentBuild };

/** Hands the planned site to the Eleventy adapter for the next run. */
export function setCurrentBuild(data: BuildData, onPage?: () => void): void {
  slots[SLOT] = { data, ...(onPage ? { onPage } : {}) };
}

/** The planned site, if the build command set one. */
export function currentBuild(): CurrentBuild | undefined {
  return slots[SLOT];
}

export function clearCurrentBuild(): void {
  delete slots[SLOT];
}
