"use client";

/** The autosave controller (./autosave.ts) bound to `journeys.save` and to React state. */
import { useEffect, useRef, useState } from "react";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPCClient } from "@/components/trpc/react";
import { staleRevision } from "./app-error-details";
import { createAutosave, type Autosave, type AutosaveStatus } from "./autosave";

type Saved = Awaited<ReturnType<ReturnType<typeof useTRPCClient>["journeys"]["save"]["mutate"]>>;

export function useAutosave(journeyId: string, revision: number, onSaved: (saved: Saved) => void): { autosave: Autosave; status: AutosaveStatus } {
  const client = useTRPCClient();
  const [status, setStatus] = useState<AutosaveStatus>({ state: "saved" });
  // The latest callback, without re-creating the controller (it holds the pending document).
  const onSavedRef = useRef(onSaved);
  useEffect(() => {
    onSavedRef.current = onSaved;
  });
  const [autosave] = useState(() =>
    createAutosave<Saved>({
      revision,
      save: ({ baseRevision, document, force }) => client.journeys.save.mutate({ id: journeyId, baseRevision, document, force }),
      staleRevision,
      describeError: errorMessage,
      onStatus: setStatus,
      onSaved: (saved) => onSavedRef.current(saved),
    }),
  );
  // Leaving the page inside the app (a link, the back button) saves what is pending.
  useEffect(() => () => void autosave.flush(), [autosave]);

  // Leaving with unsaved edits (closing the tab, reloading) asks first.
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (!autosave.hasUnsavedChanges()) return;
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [autosave]);

  return { autosave, status };
}
