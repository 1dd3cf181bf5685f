import { describe, expect, it } from "vitest";
import { example } from "./__fixtures__/examples";
import { disconnect } from "./journey-edits";
import { highlightPath } from "./simulation-highlight";

describe("highlightPath", () => {
  it("lights visited nodes and the edges on the outputs taken", () => {
    const j = example("order-confirmation-whatsapp-sms-fallback");
    const lit = highlightPath(j, ["placed", "wa", "sms", "done"], [
      { nodeId: "placed", output: "next" },
      { nodeId: "wa", output: "fallback" },
      { nodeId: "sms", output: "next" },
    ]);
    expect([...lit.nodes]).toEqual(["placed", "wa", "sms", "done"]);
    expect([...lit.edges].sort()).toEqual(["e1", "e3", "e4"]);
  });

  it("lights next when a send's fallback has no edge", () => {
    const j = disconnect(example("order-confirmation-whatsapp-sms-fallback"), ["e3"]);
    const lit = highlightPath(j, ["placed", "wa", "done"], [
      { nodeId: "placed", output: "next" },
      { nodeId: "wa", output: "fallback" },
    ]);
    expect([...lit.edges].sort()).toEqual(["e1", "e2"]);
  });

  it("lights nothing for an output with no edge elsewhere", () => {
    const j = example("otp-then-whatsapp");
    const lit = highlightPath(j, ["signup", "otp", "verified"], [{ nodeId: "verified", output: "nope" }]);
    expect(lit.edges.size).toBe(0);
  });
});
