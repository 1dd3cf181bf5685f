"use client";

/**
 * A modal on the native `<dialog>`: the browser traps focus, closes it on Escape and restores
 * focus to what opened it, so keyboard users get a proper modal without a library. Content
 * mounts only while open, so a dialog's form starts fresh each time; the element marked
 * `data-autofocus` takes focus when it opens (else the first focusable one, the Close button).
 */
import { useEffect, useId, useRef, type ReactNode } from "react";

export function Dialog(props: { open: boolean; onClose: () => void; title: string; description?: ReactNode; wide?: boolean; children: ReactNode }) {
  const { open, onClose } = props;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // React's autoFocus runs before the dialog is shown, when nothing in it can take focus.
      dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={props.description ? descriptionId : undefined}
      onClose={onClose}
      className={`m-auto max-h-[85vh] w-full ${props.wide ? "max-w-3xl" : "max-w-lg"} overflow-y-auto rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40`}
    >
      {open && (
        <div className="space-y-4 p-6">
          <div className="flex items-start justify-between gap-4">
            <div>
              <h2 id={titleId} className="text-lg font-semibold tracking-tight">
                {props.title}
              </h2>
              {props.description ? (
                <p id={descriptionId} className="mt-1 text-sm text-slate-500">
                  {props.description}
                </p>
              ) : null}
            </div>
            <button type="button" onClick={onClose} aria-label="Close" className="rounded-md px-2 py-1 text-slate-500 hover:bg-slate-100 hover:text-slate-900">
              ×
            </button>
          </div>
          {props.children}
        </div>
      )}
    </dialog>
  );
}
