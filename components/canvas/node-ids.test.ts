import { describe, expect, it } from "vitest";
import { NodeIdSchema } from "@/server/journey/schema";
import { uniqueEdgeId, uniqueNodeId } from "./node-ids";

describe("uniqueNodeId", () => {
  it.each([
    ["a free base", "sms", [], "sms"],
    ["a taken base", "sms", ["sms"], "sms_2"],
    ["the next number", "sms", ["sms", "sms_2"], "sms_3"],
    ["a copy of a numbered id", "sms_2", ["sms", "sms_2"], "sms_3"],
    ["an unclean base", "Update Profile!", [], "update_profile"],
    ["an empty base", "!!!", [], "node"],
  ])("handles %s", (_why, base, taken, expected) => {
    expect(uniqueNodeId(base, new Set(taken))).toBe(expected);
  });

  it("stays within 64 characters", () => {
    const long = "x".repeat(80);
    const first = uniqueNodeId(long, new Set());
    const second = uniqueNodeId(long, new Set([first]));
    for (const id of [first, second]) expect(NodeIdSchema.safeParse(id).success).toBe(true);
    expect(second).not.toBe(first);
  });
});

describe("uniqueEdgeId", () => {
  it("skips taken ids", () => {
    expect(uniqueEdgeId(new Set())).toBe("e1");
    expect(uniqueEdgeId(new Set(["e1", "e3"]))).toBe("e4");
    expect(uniqueEdgeId(new Set(["e2", "x"]))).toBe("e3");
  });
});
