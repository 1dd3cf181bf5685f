import { describe, expect, it } from "vitest";
import { documentProblems, formatProblem, refusalIssues, staleRevision } from "./app-error-details";

const withData = (data: unknown) => ({ message: "refused", data });

describe("staleRevision", () => {
  it.each([
    ["a stale save", withData({ appCode: "CONFLICT", appDetails: { currentRevision: 7 } }), 7],
    ["a conflict without a revision (archived journey)", withData({ appCode: "CONFLICT", appDetails: null }), undefined],
    ["another code", withData({ appCode: "BAD_REQUEST", appDetails: { currentRevision: 7 } }), undefined],
    ["a network error", new Error("fetch failed"), undefined],
    ["nothing", null, undefined],
  ])("%s", (_name, error, expected) => {
    expect(staleRevision(error)).toBe(expected);
  });
});

describe("refusalIssues", () => {
  it("keeps the well-formed issues of a refusal", () => {
    const error = withData({
      appCode: "BAD_REQUEST",
      appDetails: { errors: [{ code: "node_unreachable", message: "“sms” cannot be reached", nodeId: "sms" }, { nope: true }], warnings: [] },
    });
    expect(refusalIssues(error)).toEqual([{ code: "node_unreachable", message: "“sms” cannot be reached", nodeId: "sms" }]);
  });

  it("is empty without details", () => {
    expect(refusalIssues(withData({ appCode: "NOT_FOUND", appDetails: null }))).toEqual([]);
  });
});

describe("documentProblems", () => {
  it("formats zod issues with their path", () => {
    const error = withData({
      appCode: "BAD_REQUEST",
      appDetails: {
        issues: [
          { path: ["nodes", 2, "config", "channel"], message: "Invalid option" },
          { path: [], message: "Unknown format" },
        ],
      },
    });
    expect(documentProblems(error)).toEqual(["nodes.2.config.channel: Invalid option", "Unknown format"]);
  });
});

describe("formatProblem", () => {
  it.each([
    [["format"], "Expected switchboard.journey/v1", "format: Expected switchboard.journey/v1"],
    [[], "Not an object", "Not an object"],
  ])("%j", (path, message, expected) => {
    expect(formatProblem(path, message)).toBe(expected);
  });
});
