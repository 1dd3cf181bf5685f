import { describe, expect, it } from "vitest";
import { JourneySchema, type Journey, type NodeOf } from "@/server/journey/schema";
import { example } from "./__fixtures__/examples";
import {
  addNode,
  addSmsFallback,
  canAddSmsFallback,
  connect,
  differsOnlyInPositions,
  copyNodes,
  deleteElements,
  disconnect,
  firstFreeOutput,
  followOutputs,
  moveNodes,
  pasteNodes,
  positionBelow,
  reconnect,
  updateNodeConfig,
  updateNodeLabel,
  updateSettings,
} from "./journey-edits";

const nodeOf = (j: Journey, id: string) => j.nodes.find((n) => n.id === id);
const edgesFrom = (j: Journey, id: string) => j.edges.filter((e) => e.source === id);

describe("addNode", () => {
  it("names nodes after their type or channel and keeps ids unique", () => {
    const j = example("order-confirmation-whatsapp-sms-fallback");
    const sms = addNode(j, { type: "send", channel: "sms", position: { x: 0, y: 0 } });
    expect(sms.nodeId).toBe("sms_2");
    expect(nodeOf(sms.journey, "sms_2")).toMatchObject({ type: "send", config: { channel: "sms", content: { body: "" } } });
    const wait = addNode(sms.journey, { type: "update_profile", position: { x: 5, y: 6 } });
    expect(wait.nodeId).toBe("update");
    expect(nodeOf(wait.journey, "update")).toMatchObject({ position: { x: 5, y: 6 }, config: { set: {} } });
  });

  it("connects the new node after the given output", () => {
    const j = example("order-confirmation-whatsapp-sms-fallback");
    const { journey, nodeId } = addNode(j, { type: "wait", position: { x: 0, y: 0 }, after: { nodeId: "sms", handle: "fallback" } });
    expect(journey.edges.find((e) => e.target === nodeId)).toMatchObject({ source: "sms", sourceHandle: "fallback" });
  });
});

describe("connect", () => {
  const j = example("order-confirmation-whatsapp-sms-fallback");

  it("replaces the edge already leaving the same output, keeping its id", () => {
    const next = connect(j, { source: "wa", sourceHandle: "next", target: "sms" });
    expect(edgesFrom(next, "wa")).toEqual(
      expect.arrayContaining([{ id: "e2", source: "wa", sourceHandle: "next", target: "sms" }]),
    );
    expect(edgesFrom(next, "wa")).toHaveLength(2);
  });

  it.each([
    ["into the trigger", { source: "wa", sourceHandle: "next", target: "placed" }],
    ["onto itself", { source: "wa", sourceHandle: "next", target: "wa" }],
    ["from an output the node lacks", { source: "wa", sourceHandle: "timeout", target: "done" }],
    ["from an unknown node", { source: "nope", sourceHandle: "next", target: "done" }],
    ["that already exists", { source: "wa", sourceHandle: "next", target: "done" }],
  ])("refuses an edge %s", (_why, c) => {
    expect(connect(j, c)).toBe(j);
  });

  it("adds a new edge with a fresh id", () => {
    const cut = disconnect(j, ["e4"]);
    const next = connect(cut, { source: "sms", sourceHandle: "fallback", target: "done" });
    const added = next.edges.find((e) => e.source === "sms" && e.sourceHandle === "fallback");
    expect(added?.id).toBeDefined();
    expect(new Set(next.edges.map((e) => e.id)).size).toBe(next.edges.length);
  });
});

describe("reconnect / disconnect / delete / move", () => {
  const j = example("order-confirmation-whatsapp-sms-fallback");

  it("moves an edge's end and keeps its id", () => {
    const next = reconnect(j, "e2", { source: "wa", sourceHandle: "next", target: "sms" });
    expect(next.edges.find((e) => e.id === "e2")).toEqual({ id: "e2", source: "wa", sourceHandle: "next", target: "sms" });
    expect(next.edges).toHaveLength(j.edges.length);
  });

  it("disconnects edges and ignores unknown ids", () => {
    expect(disconnect(j, ["e1"]).edges.map((e) => e.id)).toEqual(["e2", "e3", "e4"]);
    expect(disconnect(j, ["zzz"])).toBe(j);
  });

  it("deletes nodes with every edge touching them", () => {
    const next = deleteElements(j, { nodeIds: ["sms"], edgeIds: ["e1"] });
    expect(next.nodes.map((n) => n.id)).toEqual(["placed", "wa", "done"]);
    expect(next.edges.map((e) => e.id)).toEqual(["e2"]);
    expect(deleteElements(j, { nodeIds: [], edgeIds: [] })).toBe(j);
  });

  it("moves only nodes whose position changed", () => {
    const next = moveNodes(j, { wa: { x: 10, y: 20 }, done: { x: 0, y: 420 } });
    expect(nodeOf(next, "wa")?.position).toEqual({ x: 10, y: 20 });
    expect(nodeOf(next, "done")).toBe(nodeOf(j, "done"));
    expect(moveNodes(j, { done: { x: 0, y: 420 } })).toBe(j);
  });
});

describe("followOutputs", () => {
  it.each([
    ["keeps names that stay, in any order", ["a", "b", "else"], ["b", "a", "else"], { a: "a", b: "b", else: "else" }],
    ["follows a rename in place", ["vip", "else"], ["gold", "else"], { vip: "gold", else: "else" }],
    ["drops a removed case", ["a", "b", "else"], ["b", "else"], { b: "b", else: "else" }],
    ["maps next to event when a wait starts awaiting", ["next"], ["event", "timeout"], { next: "event" }],
    ["maps event to next when it stops", ["event", "timeout"], ["next"], { event: "next" }],
  ])("%s", (_why, before, after, expected) => {
    expect(Object.fromEntries(followOutputs(before, after))).toEqual(expected);
  });
});

describe("updateNodeConfig", () => {
  it("moves edges with a renamed branch case and drops those of a removed one", () => {
    const j = example("otp-then-whatsapp");
    const branch = nodeOf(j, "consented") as NodeOf<"branch">;
    const renamed = updateNodeConfig<"branch">(j, "consented", { cases: [{ ...branch.config.cases[0]!, name: "wa" }] });
    expect(renamed.edges.find((e) => e.id === "e5")?.sourceHandle).toBe("wa");

    const twoCases = updateNodeConfig<"branch">(j, "consented", {
      cases: [{ name: "first", where: { field: "profile.email", op: "exists" } }, ...branch.config.cases],
    });
    expect(twoCases.edges.find((e) => e.id === "e5")?.sourceHandle).toBe("whatsapp_ok");
  });

  it("turns a wait's next into event when it starts waiting for an event", () => {
    const j = example("winback-marketing");
    const next = updateNodeConfig<"wait">(j, "morning", { mode: "until_event", event: "app_opened", timeout: { hours: 2 } });
    expect(next.edges.find((e) => e.id === "e6")?.sourceHandle).toBe("event");
  });

  it("returns the same journey for an unknown node", () => {
    const j = example("winback-marketing");
    expect(updateNodeConfig<"exit">(j, "nope", {})).toBe(j);
  });
});

describe("updateNodeLabel / updateSettings", () => {
  it("sets and clears labels", () => {
    const j = example("order-confirmation-whatsapp-sms-fallback");
    expect(nodeOf(updateNodeLabel(j, "placed", "Order placed"), "placed")?.label).toBe("Order placed");
    const cleared = updateNodeLabel(j, "wa", "  ");
    expect(nodeOf(cleared, "wa")).not.toHaveProperty("label");
    expect(updateNodeLabel(j, "wa", "WhatsApp confirmation")).toBe(j);
  });

  it("patches settings and removes optional ones set to undefined", () => {
    const j = example("email-unopened-sms-reminder");
    const next = updateSettings(j, { name: "Renamed", goal: undefined, quietHours: "all" });
    expect(next).toMatchObject({ name: "Renamed", quietHours: "all" });
    expect(next).not.toHaveProperty("goal");
    expect(JourneySchema.safeParse(next).success).toBe(true);
  });
});

describe("copyNodes / pasteNodes", () => {
  const j = example("order-confirmation-whatsapp-sms-fallback");

  it("pastes copies with new ids, offset positions and their inner edges", () => {
    const clip = copyNodes(j, ["wa", "sms"]);
    expect(clip.edges.map((e) => e.id)).toEqual(["e3"]);
    const { journey, nodeIds } = pasteNodes(j, clip);
    expect(nodeIds).toEqual(["wa_2", "sms_2"]);
    expect(nodeOf(journey, "wa_2")).toMatchObject({ label: "WhatsApp confirmation", position: { x: 40, y: 180 } });
    const pastedEdges = journey.edges.slice(j.edges.length);
    expect(pastedEdges).toEqual([{ id: expect.any(String), source: "wa_2", sourceHandle: "fallback", target: "sms_2" }]);
    expect(new Set(journey.edges.map((e) => e.id)).size).toBe(journey.edges.length);
    expect(new Set(journey.nodes.map((n) => n.id)).size).toBe(journey.nodes.length);
  });

  it("gives every paste fresh ids", () => {
    const clip = copyNodes(j, ["sms"]);
    const once = pasteNodes(j, clip);
    const twice = pasteNodes(once.journey, clip);
    expect([...once.nodeIds, ...twice.nodeIds]).toEqual(["sms_2", "sms_3"]);
  });

  it("leaves out a second trigger", () => {
    const { journey, nodeIds } = pasteNodes(j, copyNodes(j, ["placed"]));
    expect(nodeIds).toEqual([]);
    expect(journey).toBe(j);
  });
});

describe("addSmsFallback", () => {
  it("adds an SMS below-right with the fallback edge, the words, and a 5-minute delivered await", () => {
    const j = example("otp-then-whatsapp");
    expect(canAddSmsFallback(j, "welcome_email")).toBe(true);
    const added = addSmsFallback(j, "welcome_email");
    expect(added).toBeDefined();
    const { journey, nodeId } = added!;
    const source = nodeOf(journey, "welcome_email") as NodeOf<"send">;
    expect(source.config.await).toEqual({ outcome: "delivered", within: { minutes: 5 } });
    expect(nodeOf(journey, nodeId)).toEqual({
      id: nodeId,
      type: "send",
      label: "SMS safety net",
      position: { x: 200 + 260, y: 560 + 140 },
      config: { channel: "sms", content: { body: "Hi {{ profile.first_name }}, your account is ready." } },
    });
    expect(edgesFrom(journey, "welcome_email")).toContainEqual(expect.objectContaining({ sourceHandle: "fallback", target: nodeId }));
    // The safety net rejoins where the send's next goes.
    expect(edgesFrom(journey, nodeId)).toEqual([expect.objectContaining({ sourceHandle: "next", target: "end" })]);
  });

  it("adds opt-out wording to a marketing SMS and keeps an await the send already has", () => {
    const j = example("otp-then-whatsapp");
    const { journey, nodeId } = addSmsFallback(j, "welcome")!;
    expect((nodeOf(journey, "welcome") as NodeOf<"send">).config.await).toEqual({ outcome: "delivered", within: { minutes: 5 } });
    expect(nodeOf(journey, nodeId)).toMatchObject({
      config: { channel: "sms", purpose: "marketing", content: { body: "Welcome to ACME, {{ profile.first_name }}! Reply here any time. Reply STOP to opt out." } },
    });

    const winback = example("winback-marketing");
    const email = addSmsFallback(
      disconnect(winback, ["e3"]),
      "email",
    )!;
    expect((nodeOf(email.journey, "email") as NodeOf<"send">).config.await).toEqual({ outcome: "opened", within: { days: 3 } });
  });

  it.each([
    ["an SMS send", "order-confirmation-whatsapp-sms-fallback", "sms"],
    ["a send that already has a fallback", "order-confirmation-whatsapp-sms-fallback", "wa"],
    ["a node that is not a send", "order-confirmation-whatsapp-sms-fallback", "placed"],
  ])("is not offered for %s", (_why, name, id) => {
    const j = example(name);
    expect(canAddSmsFallback(j, id)).toBe(false);
    expect(addSmsFallback(j, id)).toBeUndefined();
  });

  it("produces a journey the schema accepts", () => {
    const { journey } = addSmsFallback(example("otp-then-whatsapp"), "welcome_email")!;
    expect(JourneySchema.safeParse(journey).success).toBe(true);
  });
});

describe("placement helpers", () => {
  const j = example("otp-then-whatsapp");

  it("offers the first free output, never a send's optional fallback", () => {
    expect(firstFreeOutput(j, "welcome")).toBeUndefined();
    expect(firstFreeOutput(disconnect(j, ["e4"]), "verified")).toBe("timeout");
    expect(firstFreeOutput(j, "end")).toBeUndefined();
  });

  it("places fallbacks down-right and fans out other outputs", () => {
    const branch = nodeOf(j, "consented")!;
    expect(positionBelow(branch, "whatsapp_ok")).toEqual({ x: -130, y: 560 });
    expect(positionBelow(branch, "else")).toEqual({ x: 130, y: 560 });
    expect(positionBelow(nodeOf(j, "welcome")!, "fallback")).toEqual({ x: 60, y: 700 });
  });
});

describe("differsOnlyInPositions", () => {
  const j = example("order-confirmation-whatsapp-sms-fallback");
  it.each<[string, Journey, boolean]>([
    ["the same journey", j, true],
    ["a moved node", moveNodes(j, { wa: { x: 9, y: 9 } }), true],
    ["a relabelled node", updateNodeLabel(j, "wa", "Hi"), false],
    ["a removed edge", disconnect(j, ["e1"]), false],
    ["a renamed journey", updateSettings(j, { name: "Other" }), false],
    ["an added node", addNode(j, { type: "exit", position: { x: 0, y: 0 } }).journey, false],
  ])("%s → %s", (_why, other, expected) => {
    expect(differsOnlyInPositions(j, other)).toBe(expected);
  });
});
