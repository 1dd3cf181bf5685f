import { describe, expect, it } from "vitest";
import { isActivePath } from "./active-path";

describe("isActivePath", () => {
  it.each([
    ["/journeys", "/journeys", true],
    ["/journeys/abc/edit", "/journeys", true],
    ["/journeys-archive", "/journeys", false],
    ["/admin/members", "/admin", true],
    ["/admin/members", "/admin/api-keys", false],
    ["/", "/journeys", false],
  ])("%s under %s → %s", (pathname, href, want) => {
    expect(isActivePath(pathname, href)).toBe(want);
  });
});
