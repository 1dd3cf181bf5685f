import { describe, expect, it } from "vitest";
import { pickVariant, splitBucket, splitVariant, stableHash } from "./split";
import { parseJourney, type NodeOf } from "./schema";

const variants = (...percents: number[]) => percents.map((percent, i) => ({ name: `v${i}`, percent }));

describe("stableHash", () => {
  // Pinned: changing the hash would move live profiles between variants of running splits.
  // Values from an independent implementation (FNV-1a 32 + murmur3 fmix32 in Python).
  it.each([
    ["", 2_872_998_923],
    ["profile-1", 2_521_444_601],
  ])("hashes %j to %d", (text, expected) => {
    expect(stableHash(text)).toBe(expected);
  });

  it("puts profile-1 at 7.86 in winback/ab", () => {
    expect(splitBucket("profile-1", "winback", "ab")).toBe(7.86);
  });

  it("is an unsigned 32-bit integer and sensitive to every character", () => {
    const a = stableHash("user-0001");
    const b = stableHash("user-0002");
    expect(Number.isInteger(a) && a >= 0 && a < 2 ** 32).toBe(true);
    expect(a).not.toBe(b);
  });
});

describe("splitBucket", () => {
  it("keeps a profile in one place per journey and node, and differs across nodes", () => {
    const buckets = new Set<number>();
    for (let i = 0; i < 20; i++) buckets.add(splitBucket(`p-${i}`, "winback", "ab"));
    expect(buckets.size).toBeGreaterThan(15);
    expect(splitBucket("p-1", "winback", "ab")).toBe(splitBucket("p-1", "winback", "ab"));
    const acrossNodes = Array.from({ length: 50 }, (_, i) => splitBucket(`p-${i}`, "winback", "ab") === splitBucket(`p-${i}`, "winback", "ab2"));
    expect(acrossNodes.filter(Boolean).length).toBeLessThan(5);
  });

  it("does not confuse ids that share a separator", () => {
    expect(splitBucket("a:b", "c", "n")).not.toBe(splitBucket("a", "b:c", "n"));
  });

  it("stays in [0, 100)", () => {
    for (let i = 0; i < 2_000; i++) {
      const b = splitBucket(`id-${i}`, "j", "n");
      expect(b >= 0 && b < 100).toBe(true);
    }
  });
});

describe("pickVariant", () => {
  it.each([
    [variants(50, 50), 0, "v0"],
    [variants(50, 50), 49.99, "v0"],
    [variants(50, 50), 50, "v1"],
    [variants(50, 50), 99.99, "v1"],
    [variants(0, 100), 0, "v1"],
    [variants(10, 20, 70), 29.99, "v1"],
    [variants(10, 20, 70), 30, "v2"],
    [variants(33.33, 33.33, 33.34), 99.99, "v2"],
    // percents short of 100 (validation rejects them) give the rest to the last variant with a share
    [variants(40, 40, 0), 95, "v1"],
  ])("%j at %d → %s", (vs, bucket, expected) => {
    expect(pickVariant(vs, bucket)).toBe(expected);
  });
});

describe("splitVariant", () => {
  const journey = parseJourney({
    format: "switchboard.journey/v1",
    key: "ab-test",
    name: "AB",
    purpose: "marketing",
    nodes: [
      { id: "t", type: "trigger", position: { x: 0, y: 0 }, config: { kind: "api" } },
      {
        id: "ab",
        type: "split",
        position: { x: 0, y: 0 },
        config: { variants: [{ name: "a", percent: 50 }, { name: "b", percent: 50 }] },
      },
    ],
    edges: [{ id: "e", source: "t", sourceHandle: "next", target: "ab" }],
  });
  const node = journey.nodes.find((n): n is NodeOf<"split"> => n.type === "split")!;

  it("splits 10,000 profiles roughly 50/50 and always the same way", () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `profile-${i}`);
    const first = ids.map((id) => splitVariant(id, journey.key, node));
    const again = ids.map((id) => splitVariant(id, journey.key, node));
    expect(again).toEqual(first);
    const a = first.filter((v) => v === "a").length;
    expect(a).toBeGreaterThan(4_800);
    expect(a).toBeLessThan(5_200);
  });

  it("follows uneven percents too", () => {
    const uneven: NodeOf<"split"> = { ...node, config: { variants: [{ name: "a", percent: 10 }, { name: "b", percent: 90 }] } };
    const a = Array.from({ length: 10_000 }, (_, i) => splitVariant(`u-${i}`, journey.key, uneven)).filter((v) => v === "a").length;
    expect(a).toBeGreaterThan(850);
    expect(a).toBeLessThan(1_150);
  });
});
