import { describe, expect, it } from "vitest";
import { EXAMPLES, example } from "./__fixtures__/examples";
import { DEFAULT_NODE_SIZE, autoLayout } from "./auto-layout";

describe("autoLayout", () => {
  it.each(EXAMPLES)("lays %s out top-down without overlaps", async (_name, journey) => {
    const positions = await autoLayout(journey);
    expect(Object.keys(positions).sort()).toEqual(journey.nodes.map((n) => n.id).sort());

    const trigger = journey.nodes.find((n) => n.type === "trigger")!;
    const triggerY = positions[trigger.id]!.y;
    for (const n of journey.nodes) expect(positions[n.id]!.y).toBeGreaterThanOrEqual(triggerY);
    // Every edge of these (acyclic) examples points down.
    for (const e of journey.edges) expect(positions[e.target]!.y).toBeGreaterThan(positions[e.source]!.y);

    const boxes = Object.values(positions);
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        const apart = Math.abs(a.x - b.x) >= DEFAULT_NODE_SIZE.width || Math.abs(a.y - b.y) >= DEFAULT_NODE_SIZE.height;
        expect(apart).toBe(true);
      }),
    );
  });

  it("keeps branch cases left of else", async () => {
    const j = example("otp-then-whatsapp");
    const positions = await autoLayout(j);
    expect(positions.welcome!.x).toBeLessThan(positions.welcome_email!.x);
  });

  it("uses measured sizes", async () => {
    const j = example("order-confirmation-whatsapp-sms-fallback");
    const tall = await autoLayout(j, { placed: { width: 240, height: 400 } });
    expect(tall.wa!.y).toBeGreaterThanOrEqual(400);
  });
});
