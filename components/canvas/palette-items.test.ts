import { describe, expect, it } from "vitest";
import { NODE_TYPES } from "@/server/journey/schema";
import { PALETTE_GROUPS, decodePaletteItem, encodePaletteItem } from "./palette-items";

describe("palette items", () => {
  it("offers every node type", () => {
    const types = new Set(PALETTE_GROUPS.flatMap((g) => g.entries.map((e) => e.type)));
    expect([...types].sort()).toEqual([...NODE_TYPES].sort());
  });

  it("round-trips a dragged item", () => {
    expect(decodePaletteItem(encodePaletteItem({ type: "send", channel: "whatsapp" }))).toEqual({ type: "send", channel: "whatsapp" });
    expect(decodePaletteItem(encodePaletteItem({ type: "wait" }))).toEqual({ type: "wait" });
  });

  it.each(["", "not json", '{"type":"nope"}', '{"type":"send","channel":"fax"}', '{"type":"wait","extra":1}'])("ignores %j", (raw) => {
    expect(decodePaletteItem(raw)).toBeUndefined();
  });
});
