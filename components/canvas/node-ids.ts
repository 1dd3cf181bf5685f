/**
 * Readable ids for new nodes and edges. Node ids show up in the API export, run logs and
 * engagement conditions, so "sms_2" beats a random string.
 */
const MAX_NODE_ID = 64;

/** `base` made a valid node id (`[a-z0-9_-]{1,64}`), numbered `_2`, `_3`… until it is free. */
export function uniqueNodeId(base: string, taken: ReadonlySet<string>): string {
  const clean = base.toLowerCase().replace(/[^a-z0-9_-]+/g, "_").replace(/^_+|_+$/g, "").slice(0, MAX_NODE_ID) || "node";
  // A copy of "sms_2" is "sms_3", not "sms_2_2".
  const stem = clean.replace(/_\d+$/, "") || clean;
  if (!taken.has(clean)) return clean;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = stem.slice(0, MAX_NODE_ID - suffix.length) + suffix;
    if (!taken.has(candidate)) return candidate;
  }
}

/** `e<n>` like the examples, starting past the current count. */
export function uniqueEdgeId(taken: ReadonlySet<string>): string {
  for (let n = taken.size + 1; ; n++) {
    const candidate = `e${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
