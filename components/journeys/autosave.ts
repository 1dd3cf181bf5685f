/**
 * Autosave of a journey draft, without React: the editor hands over the whole document after
 * every edit (one per frame while dragging); the controller waits for a pause, then saves one
 * document at a time against the revision the previous save returned.
 *
 * Nothing is lost silently: the newest unsaved document stays pending until a save of it
 * succeeds. A save refused for a stale revision (someone else saved) stops autosaving until
 * the user chooses: overwrite theirs (`overwrite`) or take theirs (`reload`). Other failures
 * (network, server) are retried. A document the schema rejects (a required field emptied
 * mid-edit) cannot be stored as a draft, so it waits for the next edit.
 */
import { JourneySchema, type Journey } from "@/server/journey/schema";

export type AutosaveStatus =
  | { state: "saved" }
  /** Changes are waiting for the pause, or being saved. */
  | { state: "saving" }
  | { state: "error"; message: string }
  | { state: "invalid" }
  | { state: "conflict"; currentRevision: number };

export type SaveRequest = { baseRevision: number; document: Journey; force: boolean };

export type AutosaveOptions<Saved extends { revision: number }> = {
  /** The revision of the document the editor opened. */
  revision: number;
  save: (request: SaveRequest) => Promise<Saved>;
  /** The server's current revision when `error` is a stale-revision refusal, else undefined. */
  staleRevision: (error: unknown) => number | undefined;
  describeError: (error: unknown) => string;
  onStatus: (status: AutosaveStatus) => void;
  onSaved?: (saved: Saved) => void;
  /** Quiet time after the last edit before saving. Default 800 ms. */
  debounceMs?: number;
  /** Delay before retrying a failed save. Default 3 s. */
  retryMs?: number;
};

export type Autosave = {
  /** The editor's latest document. */
  change(document: unknown): void;
  /** Save whatever is pending now; true when everything is saved afterwards. */
  flush(): Promise<boolean>;
  /** After a conflict: save the pending document over the other one. */
  overwrite(): Promise<boolean>;
  /** After a conflict (or to drop local changes): continue from the server's document at `revision`. */
  reload(revision: number): void;
  hasUnsavedChanges(): boolean;
};

export const AUTOSAVE_DEBOUNCE_MS = 800;
export const AUTOSAVE_RETRY_MS = 3_000;

export function createAutosave<Saved extends { revision: number }>(options: AutosaveOptions<Saved>): Autosave {
  const debounceMs = options.debounceMs ?? AUTOSAVE_DEBOUNCE_MS;
  const retryMs = options.retryMs ?? AUTOSAVE_RETRY_MS;
  let revision = options.revision;
  let pending: unknown = undefined;
  let hasPending = false;
  let conflicted = false;
  let forceNext = false;
  let failed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let last: AutosaveStatus["state"] = "saved";

  const emit = (status: AutosaveStatus) => {
    last = status.state;
    options.onStatus(status);
  };

  const schedule = (ms: number) => {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), ms);
  };

  async function drain(): Promise<void> {
    failed = false;
    while (hasPending && !conflicted) {
      const parsed = JourneySchema.safeParse(pending);
      if (!parsed.success) {
        emit({ state: "invalid" });
        return;
      }
      const document = pending;
      hasPending = false;
      pending = undefined;
      const force = forceNext;
      forceNext = false;
      if (last !== "saving") emit({ state: "saving" });
      try {
        const saved = await options.save({ baseRevision: revision, document: parsed.data, force });
        revision = saved.revision;
        options.onSaved?.(saved);
      } catch (error) {
        // A newer edit made while this save was in flight supersedes the failed one.
        if (!hasPending) {
          pending = document;
          hasPending = true;
        }
        failed = true;
        const current = options.staleRevision(error);
        if (current !== undefined) {
          conflicted = true;
          emit({ state: "conflict", currentRevision: current });
        } else {
          emit({ state: "error", message: options.describeError(error) });
          schedule(retryMs);
        }
        return;
      }
    }
    if (!hasPending && !conflicted) emit({ state: "saved" });
  }

  async function flush(): Promise<boolean> {
    clearTimeout(timer);
    // Edits made during a save are picked up by the same drain; loop for those made after it.
    do {
      running ??= drain().finally(() => {
        running = undefined;
      });
      await running;
    } while (hasPending && !conflicted && !failed && last !== "invalid");
    return !hasPending && !conflicted;
  }

  return {
    change(document) {
      pending = document;
      hasPending = true;
      if (conflicted) return;
      if (last !== "saving") emit({ state: "saving" });
      schedule(debounceMs);
    },
    flush,
    overwrite() {
      if (!conflicted) return flush();
      conflicted = false;
      forceNext = true;
      return flush();
    },
    reload(nextRevision) {
      clearTimeout(timer);
      revision = nextRevision;
      pending = undefined;
      hasPending = false;
      conflicted = false;
      forceNext = false;
      emit({ state: "saved" });
    },
    hasUnsavedChanges: () => hasPending || running !== undefined,
  };
}
