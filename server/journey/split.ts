/**
 * Deterministic A/B assignment for `split` nodes: a profile always lands in the same variant of
 * the same node, whatever the run, the worker or the day. No randomness, no stored assignment.
 */
import type { NodeOf } from "./schema";

type Variant = NodeOf<"split">["config"]["variants"][number];

const utf8 = new TextEncoder();

/** FNV-1a (32-bit) over UTF-8 bytes, then murmur3's finaliser so nearby ids spread evenly. */
export function stableHash(text: string): number {
  let h = 0x811c9dc5;
  for (const byte of utf8.encode(text)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The profile's position in [0, 100) for one split node, in steps of 0.01. The parts are joined
 * with NUL so ids containing a separator cannot collide ("a:b"+"c" vs "a"+"b:c").
 */
export function splitBucket(profileId: string, journeyKey: string, nodeId: string): number {
  return (stableHash([profileId, journeyKey, nodeId].join("\u0000")) % 10_000) / 100;
}

/**
 * The variant whose cumulative percent range holds `bucket`. Percents that do not reach 100
 * (validation rejects them) leave the rest of the range to the last variant with a share.
 */
export function pickVariant(variants: readonly Variant[], bucket: number): string {
  let upTo = 0;
  for (const v of variants) {
    upTo += v.percent;
    if (bucket < upTo) return v.name;
  }
  const withShare = variants.filter((v) => v.percent > 0);
  const last = withShare[withShare.length - 1] ?? variants[variants.length - 1];
  if (!last) throw new Error("A split node needs at least one variant");
  return last.name;
}

export function splitVariant(profileId: string, journeyKey: string, node: NodeOf<"split">): string {
  return pickVariant(node.config.variants, splitBucket(profileId, journeyKey, node.id));
}
