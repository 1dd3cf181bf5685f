import { describe, expect, it } from "vitest";
import { configIssues } from "./config-issues";

describe("configIssues", () => {
  it("is empty for a valid config", () => {
    expect(configIssues("wait", { mode: "duration", duration: { minutes: 5 } })).toEqual([]);
  });

  it("says what is wrong inside a condition rather than \"Invalid input\"", () => {
    const issues = configIssues("branch", { cases: [{ name: "a", where: { field: "profile.x", op: "nope" } }] });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toEqual(["cases", 0, "where", "op"]);
    expect(issues[0]?.message).not.toBe("Invalid input");
  });

  it.each([
    ["an empty event name", "trigger", { kind: "event", event: "" }, ["event"]],
    ["a bad local time", "wait", { mode: "until_time", at: "25:00", timezone: "recipient" }, ["at"]],
    ["a zero duration", "wait", { mode: "duration", duration: { minutes: 0 } }, ["duration"]],
    ["a bad case name", "branch", { cases: [{ name: "has space", where: { field: "profile.x", op: "exists" } }] }, ["cases", 0, "name"]],
    ["a bad field path", "branch", { cases: [{ name: "a", where: { field: "nope", op: "exists" } }] }, ["cases", 0, "where"]],
    ["an empty URL", "webhook", { url: "", method: "POST" }, ["url"]],
  ] as const)("points at the field for %s", (_why, type, config, path) => {
    const issues = configIssues(type, config);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.some((i) => path.every((key, n) => i.path[n] === key))).toBe(true);
  });
});
