import { describe, expect, it } from "vitest";
import type { NodeOf } from "@/server/journey/schema";
import { example } from "./__fixtures__/examples";
import { HISTORY_LIMIT, createEditorStore } from "./editor-store";

const storeOf = (name = "order-confirmation-whatsapp-sms-fallback", readOnly = false) =>
  createEditorStore({ doc: example(name), readOnly });

describe("editor store history", () => {
  it("undoes and redoes edits", () => {
    const store = storeOf();
    const original = store.getState().doc;
    store.getState().actions.updateNodeLabel("placed", "Order placed");
    const labelled = store.getState().doc;
    store.getState().actions.disconnect(["e1"]);
    const cut = store.getState().doc;

    store.getState().actions.undo();
    expect(store.getState().doc).toBe(labelled);
    store.getState().actions.undo();
    expect(store.getState().doc).toBe(original);
    store.getState().actions.undo();
    expect(store.getState().doc).toBe(original);

    store.getState().actions.redo();
    store.getState().actions.redo();
    expect(store.getState().doc).toBe(cut);
    store.getState().actions.redo();
    expect(store.getState().doc).toBe(cut);
  });

  it("clears redo after a new edit", () => {
    const store = storeOf();
    const { actions } = store.getState();
    actions.disconnect(["e1"]);
    actions.undo();
    actions.disconnect(["e2"]);
    expect(store.getState().future).toEqual([]);
    actions.redo();
    expect(store.getState().doc.edges.map((e) => e.id)).toEqual(["e1", "e3", "e4"]);
  });

  it("makes one undo step of typing in one field and of one drag", () => {
    const store = storeOf();
    const { actions } = store.getState();
    const original = store.getState().doc;
    for (const label of ["O", "Or", "Ord"]) actions.updateNodeLabel("placed", label);
    expect(store.getState().past).toHaveLength(1);

    actions.endGesture();
    for (const y of [1, 2, 3]) actions.moveNodes({ wa: { x: 0, y } });
    actions.endGesture();
    for (const y of [4, 5]) actions.moveNodes({ wa: { x: 0, y } });
    expect(store.getState().past).toHaveLength(3);

    actions.undo();
    expect(store.getState().doc.nodes.find((n) => n.id === "wa")?.position).toEqual({ x: 0, y: 3 });
    actions.undo();
    actions.undo();
    expect(store.getState().doc).toBe(original);
  });

  it("does not record no-ops", () => {
    const store = storeOf();
    store.getState().actions.disconnect(["nope"]);
    store.getState().actions.moveNodes({ placed: { x: 0, y: 0 } });
    expect(store.getState().past).toHaveLength(0);
  });

  it(`remembers at most ${HISTORY_LIMIT} steps`, () => {
    const store = storeOf();
    const { actions } = store.getState();
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) {
      actions.applyLayout({ wa: { x: i, y: i } });
    }
    expect(store.getState().past).toHaveLength(HISTORY_LIMIT);
  });

  it("drops selected ids that undo removed", () => {
    const store = storeOf();
    const { actions } = store.getState();
    const id = actions.addNode({ type: "exit", position: { x: 0, y: 0 } })!;
    expect(store.getState().selection.nodes).toEqual([id]);
    actions.undo();
    expect(store.getState().selection.nodes).toEqual([]);
  });
});

describe("editor store edits", () => {
  it("copies and pastes selected nodes with new ids and selects the copies", () => {
    const store = storeOf();
    const { actions } = store.getState();
    actions.select({ nodes: ["wa", "sms"], edges: [] });
    actions.copySelection();
    actions.paste();
    actions.paste();
    const ids = store.getState().doc.nodes.map((n) => n.id);
    expect(ids).toEqual(["placed", "wa", "sms", "done", "wa_2", "sms_2", "wa_3", "sms_3"]);
    expect(store.getState().selection.nodes).toEqual(["wa_3", "sms_3"]);
    const position = (id: string) => store.getState().doc.nodes.find((n) => n.id === id)?.position;
    // Each paste lands further off than the last, so copies do not stack on each other.
    expect(position("wa_2")).toEqual({ x: 40, y: 180 });
    expect(position("wa_3")).toEqual({ x: 80, y: 220 });
    expect(new Set(store.getState().doc.edges.map((e) => e.id)).size).toBe(store.getState().doc.edges.length);
  });

  it("duplicates without touching the clipboard", () => {
    const store = storeOf();
    const { actions } = store.getState();
    actions.duplicate(["wa"]);
    expect(store.getState().selection.nodes).toEqual(["wa_2"]);
    expect(store.getState().clipboard).toBeUndefined();
  });

  it("cuts: copies, then deletes", () => {
    const store = storeOf();
    const { actions } = store.getState();
    actions.select({ nodes: ["sms"], edges: [] });
    actions.cutSelection();
    expect(store.getState().doc.nodes.map((n) => n.id)).toEqual(["placed", "wa", "done"]);
    actions.paste();
    expect(store.getState().doc.nodes.map((n) => n.id)).toContain("sms");
  });

  it("deletes the selection in one undo step", () => {
    const store = storeOf();
    const { actions } = store.getState();
    const before = store.getState().doc;
    actions.select({ nodes: ["sms"], edges: ["e1"] });
    actions.deleteSelection();
    expect(store.getState().doc.edges.map((e) => e.id)).toEqual(["e2"]);
    expect(store.getState().selection).toEqual({ nodes: [], edges: [] });
    actions.undo();
    expect(store.getState().doc).toBe(before);
  });

  it("adds an SMS fallback in one step and selects it", () => {
    const store = storeOf("email-unopened-sms-reminder");
    const { actions } = store.getState();
    actions.disconnect(["e3"]);
    const id = actions.addSmsFallback("email");
    expect(id).toBe("sms_2");
    const doc = store.getState().doc;
    expect(doc.edges).toContainEqual(expect.objectContaining({ source: "email", sourceHandle: "fallback", target: "sms_2" }));
    expect((doc.nodes.find((n) => n.id === "email") as NodeOf<"send">).config.await).toEqual({ outcome: "opened", within: { hours: 24 } });
    expect(store.getState().selection.nodes).toEqual(["sms_2"]);
    actions.undo();
    expect(store.getState().doc.nodes.map((n) => n.id)).not.toContain("sms_2");
  });

  it("changes nothing when read-only", () => {
    const store = storeOf(undefined, true);
    const { actions } = store.getState();
    const before = store.getState().doc;
    actions.updateNodeLabel("placed", "x");
    actions.addNode({ type: "exit", position: { x: 0, y: 0 } });
    actions.select({ nodes: ["sms"], edges: [] });
    actions.deleteSelection();
    actions.addSmsFallback("wa");
    expect(store.getState().doc).toBe(before);
    expect(store.getState().selection.nodes).toEqual(["sms"]);
  });

  it("keeps measured sizes out of the document and history", () => {
    const store = storeOf();
    const before = store.getState().doc;
    store.getState().actions.setMeasured({ wa: { width: 240, height: 100 } });
    expect(store.getState().doc).toBe(before);
    expect(store.getState().past).toHaveLength(0);
    expect(store.getState().measured.wa).toEqual({ width: 240, height: 100 });
    const measured = store.getState().measured;
    store.getState().actions.setMeasured({ wa: { width: 240, height: 100 } });
    expect(store.getState().measured).toBe(measured);
  });
});
