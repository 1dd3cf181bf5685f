import { describe, expect, it } from "vitest";
import { MESSAGE_STATUSES } from "@/server/journey/run-state";
import { bucketMessageCounts, bucketOfStatus, MESSAGE_BUCKETS } from "./overview";

describe("bucketOfStatus", () => {
  it.each([
    ["pending", "inProgress"],
    ["deferred", "inProgress"],
    ["sending", "inProgress"],
    ["sent", "sent"],
    ["delivered", "delivered"],
    ["read", "delivered"],
    ["opened", "delivered"],
    ["clicked", "delivered"],
    ["replied", "delivered"],
    ["answered", "delivered"],
    ["failed", "failed"],
    ["undelivered", "failed"],
    ["suppressed", "suppressed"],
    ["something-new", "other"],
  ])("%s → %s", (status, bucket) => {
    expect(bucketOfStatus(status)).toBe(bucket);
  });

  it("puts every status the engine knows in a named bucket", () => {
    for (const status of MESSAGE_STATUSES) expect(bucketOfStatus(status)).not.toBe("other");
  });
});

describe("bucketMessageCounts", () => {
  it("is empty for no rows", () => {
    const { byChannel, totals } = bucketMessageCounts([]);
    expect(byChannel).toEqual([]);
    expect(totals.total).toBe(0);
  });

  it("folds statuses into per-channel buckets whose sum is the total", () => {
    const { byChannel, totals } = bucketMessageCounts([
      { channel: "sms", status: "delivered", count: 5 },
      { channel: "sms", status: "clicked", count: 2 },
      { channel: "sms", status: "undelivered", count: 1 },
      { channel: "whatsapp", status: "read", count: 3 },
      { channel: "whatsapp", status: "sent", count: 4 },
      { channel: "sms", status: "suppressed", count: 6 },
    ]);
    expect(byChannel.map((c) => c.channel)).toEqual(["sms", "whatsapp"]);
    expect(byChannel[0]).toMatchObject({ total: 14, delivered: 7, failed: 1, suppressed: 6, sent: 0, inProgress: 0, other: 0 });
    expect(byChannel[1]).toMatchObject({ total: 7, delivered: 3, sent: 4 });
    expect(totals).toMatchObject({ total: 21, delivered: 10, sent: 4, failed: 1, suppressed: 6 });
    for (const counts of [...byChannel, totals]) {
      expect(MESSAGE_BUCKETS.reduce((sum, b) => sum + counts[b], 0)).toBe(counts.total);
    }
  });
});
