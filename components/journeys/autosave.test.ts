import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import orderConfirmation from "@/components/canvas/__fixtures__/order-confirmation-whatsapp-sms-fallback.json";
import { JourneySchema, type Journey } from "@/server/journey/schema";
import { createAutosave, type AutosaveStatus, type SaveRequest } from "./autosave";

const base = JourneySchema.parse(orderConfirmation);
const named = (name: string): Journey => ({ ...base, name });

class StaleRevision extends Error {
  constructor(readonly current: number) {
    super("stale");
  }
}

/** A fake server: answers saves in order, holding each until the test resolves it. */
function harness(opts: { revision?: number } = {}) {
  let serverRevision = opts.revision ?? 1;
  const requests: SaveRequest[] = [];
  const statuses: AutosaveStatus[] = [];
  const outcomes: ("ok" | "stale" | "down")[] = [];
  const save = vi.fn(async (request: SaveRequest) => {
    requests.push(request);
    const outcome = outcomes.shift() ?? "ok";
    if (outcome === "down") throw new Error("Failed to fetch");
    if (outcome === "stale" || (!request.force && request.baseRevision !== serverRevision)) throw new StaleRevision(serverRevision);
    serverRevision += 1;
    return { revision: serverRevision, name: request.document.name };
  });
  const autosave = createAutosave({
    revision: serverRevision,
    save,
    staleRevision: (e) => (e instanceof StaleRevision ? e.current : undefined),
    describeError: (e) => (e instanceof Error ? e.message : String(e)),
    onStatus: (s) => statuses.push(s),
    debounceMs: 800,
    retryMs: 3_000,
  });
  return {
    autosave,
    save,
    requests,
    statuses,
    states: () => statuses.map((s) => s.state),
    bumpServer: () => (serverRevision += 1),
    failNext: (...o: ("stale" | "down")[]) => outcomes.push(...o),
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("autosave", () => {
  it("saves once after a pause, with the latest document, however many edits came before", async () => {
    const h = harness();
    for (let i = 0; i < 30; i++) {
      h.autosave.change(named(`frame ${i}`));
      await vi.advanceTimersByTimeAsync(16);
    }
    expect(h.save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(800);
    expect(h.requests.map((r) => [r.document.name, r.baseRevision, r.force])).toEqual([["frame 29", 1, false]]);
    expect(h.states()).toEqual(["saving", "saved"]);
    expect(h.autosave.hasUnsavedChanges()).toBe(false);
  });

  it("chains saves on the revision each one returns, including edits made during a save", async () => {
    const h = harness({ revision: 5 });
    h.autosave.change(named("a"));
    const first = h.autosave.flush();
    h.autosave.change(named("b"));
    expect(await first).toBe(true);
    expect(h.requests.map((r) => [r.document.name, r.baseRevision])).toEqual([
      ["a", 5],
      ["b", 6],
    ]);
    expect(h.states().at(-1)).toBe("saved");
  });

  it("stops on a stale revision, keeps the edit, and overwrites only when asked", async () => {
    const h = harness();
    h.bumpServer(); // someone else saved: the server is at 2, the editor opened 1
    h.autosave.change(named("mine"));
    expect(await h.autosave.flush()).toBe(false);
    expect(h.statuses.at(-1)).toEqual({ state: "conflict", currentRevision: 2 });
    expect(h.autosave.hasUnsavedChanges()).toBe(true);

    // Further edits are held, not sent, while the user decides.
    h.autosave.change(named("mine, later"));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.requests).toHaveLength(1);

    expect(await h.autosave.overwrite()).toBe(true);
    expect(h.requests.at(-1)).toMatchObject({ force: true, document: { name: "mine, later" } });
    // The next save is an ordinary one again, on the revision the overwrite returned.
    h.autosave.change(named("after"));
    await h.autosave.flush();
    expect(h.requests.at(-1)).toMatchObject({ force: false, baseRevision: 3, document: { name: "after" } });
  });

  it("takes the other version on reload: pending edits are dropped and saving resumes from its revision", async () => {
    const h = harness();
    h.bumpServer();
    h.autosave.change(named("mine"));
    await h.autosave.flush();
    h.autosave.reload(2);
    expect(h.autosave.hasUnsavedChanges()).toBe(false);
    expect(h.states().at(-1)).toBe("saved");
    h.autosave.change(named("on theirs"));
    expect(await h.autosave.flush()).toBe(true);
    expect(h.requests.at(-1)).toMatchObject({ baseRevision: 2, force: false });
  });

  it("retries after a failure until the save goes through", async () => {
    const h = harness();
    h.failNext("down", "down");
    h.autosave.change(named("x"));
    await vi.advanceTimersByTimeAsync(800);
    expect(h.statuses.at(-1)).toEqual({ state: "error", message: "Failed to fetch" });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(h.states().at(-1)).toBe("error");
    await vi.advanceTimersByTimeAsync(3_000);
    expect(h.states().at(-1)).toBe("saved");
    expect(h.requests.map((r) => r.document.name)).toEqual(["x", "x", "x"]);
  });

  it("does not send a document the schema rejects, and saves once it is fixed", async () => {
    const h = harness();
    h.autosave.change({ ...base, name: "" });
    await vi.advanceTimersByTimeAsync(800);
    expect(h.save).not.toHaveBeenCalled();
    expect(h.states().at(-1)).toBe("invalid");
    expect(await h.autosave.flush()).toBe(false);
    h.autosave.change(named("fixed"));
    await vi.advanceTimersByTimeAsync(800);
    expect(h.requests.map((r) => r.document.name)).toEqual(["fixed"]);
    expect(h.states().at(-1)).toBe("saved");
  });
});
