"use client";

import { useEffect, useRef } from "react";
import { validateJourney, type ValidationResult } from "@/server/journey/validate";
import { useEditorStoreApi } from "./editor-store-provider";
import { indexIssues } from "./issue-index";
import { differsOnlyInPositions } from "./journey-edits";

/** Validation waits for a pause in typing; a drag (positions only) does not trigger it. */
export const VALIDATE_DELAY_MS = 200;

/** Keep the store's issues in step with the document, and tell the page each new result. */
export function useValidation(onValidate: ((result: ValidationResult) => void) | undefined) {
  const store = useEditorStoreApi();
  const callback = useRef(onValidate);
  useEffect(() => {
    callback.current = onValidate;
  });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let validated = store.getState().doc;
    const run = () => {
      validated = store.getState().doc;
      const result = validateJourney(validated);
      store.getState().actions.setIssues(indexIssues(result));
      callback.current?.(result);
    };
    run();
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.doc === previous.doc || differsOnlyInPositions(validated, state.doc)) return;
      clearTimeout(timer);
      timer = setTimeout(run, VALIDATE_DELAY_MS);
    });
    return () => {
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store]);
}
