import { describe, expect, it } from "vitest";
import orderConfirmation from "@/components/canvas/__fixtures__/order-confirmation-whatsapp-sms-fallback.json";
import { copyKey, readJourneyFile } from "./import-file";

describe("readJourneyFile", () => {
  it("accepts a switchboard.journey/v1 document, with defaults applied", () => {
    const read = readJourneyFile(JSON.stringify(orderConfirmation));
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.document.key).toBe("order-confirmation");
      expect(read.document.exitOn).toEqual([]);
    }
  });

  it("explains a file that is not JSON", () => {
    const read = readJourneyFile("{ nope");
    expect(read).toMatchObject({ ok: false });
    if (!read.ok) expect(read.problems[0]).toMatch(/^This file is not JSON: /);
  });

  it("names each schema problem with its path", () => {
    const broken = { ...orderConfirmation, format: "switchboard.journey/v0", nodes: [{ ...orderConfirmation.nodes[0], id: "Bad Id" }] };
    const read = readJourneyFile(JSON.stringify(broken));
    expect(read.ok).toBe(false);
    if (!read.ok) {
      expect(read.problems).toContain('format: format must be "switchboard.journey/v1"');
      expect(read.problems.some((p) => p.startsWith("nodes.0.id: "))).toBe(true);
    }
  });
});

describe("copyKey", () => {
  it.each([
    ["order-confirmation", [], "order-confirmation-2"],
    ["order-confirmation", ["order-confirmation-2"], "order-confirmation-3"],
    ["order-confirmation-2", ["order-confirmation-2"], "order-confirmation-3"],
    ["a".repeat(63), [], `${"a".repeat(61)}-2`],
  ])("%s with %j taken gives %s", (key, taken, expected) => {
    expect(copyKey(key, new Set(taken))).toBe(expected);
  });
});
