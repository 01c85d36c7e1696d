import { describe, expect, it } from "vitest";
import { renderRedirectsFile, requestPath } from "../../src/outputs/redirects.ts";
import type { RedirectPage } from "../../src/plan/pages.ts";

const to = (url: string): RedirectPage =>
  ({ kind: "redirect", url, title: "", description: "", breadcrumb: [], target: { label: "Titre", url: "/2021/12/09/titre/" }, text: "" }) as RedirectPage;

describe("_redirects", () => {
  it.each([
    ["/2021/12/09/ancien-titre/", "/2021/12/09/ancien-titre/"],
    // As browsers send `/café/`: Cloudflare Pages matches a rule against the path as it came.
    ["/caf%C3%A9/", "/caf%C3%A9/"],
    ["/caf%c3%a9/", "/caf%C3%A9/"],
    ["/cr%C3%A8me%20br%C3%BBl%C3%A9e.html", "/cr%C3%A8me%20br%C3%BBl%C3%A9e.html"],
    ["/%7Eold/%41/", "/~old/A/"],
    ["/100%25/a%23b/", "/100%25/a%23b/"],
    ["/%28a%29%2C%27b%27/", "/(a),'b'/"],
  ])("writes the alias %s as browsers send it: %s", (alias, sent) => {
    expect(requestPath(alias)).toBe(sent);
  });

  it("sends each alias, as browsers ask for it, to its article, forced", () => {
    expect(renderRedirectsFile({ redirects: [to("/ancien/"), to("/caf%c3%a9/")] }, "/archives")).toBe(
      "/archives/ancien/ /archives/2021/12/09/titre/ 301!\n/archives/caf%C3%A9/ /archives/2021/12/09/titre/ 301!\n",
    );
  });

  it("leaves a list's page/1/ to its redirect page: Cloudflare Pages reads only so many rules", () => {
    const firstPage: RedirectPage = { ...to("/sujets/irak/page/1/"), target: { label: "Irak", url: "/sujets/irak/" }, listPage: true };
    expect(renderRedirectsFile({ redirects: [firstPage, to("/ancien/")] })).toBe("/ancien/ /2021/12/09/titre/ 301!\n");
  });
});
