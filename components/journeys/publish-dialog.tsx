"use client";

/**
 * Publishing, confirmed: the draft is saved first, then the dialog shows what changed since the
 * live version, the errors that block publishing (the button stays disabled, saying why), the
 * warnings, and what happens to runs already in flight. A refusal from the server (the draft
 * changed elsewhere and is now invalid) is shown with its errors.
 */
import { useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useState } from "react";
import { ALERT_CLASS, PRIMARY_BUTTON_CLASS } from "@/components/admin/field-styles";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import type { Issue } from "@/server/journey/issue";
import { refusalIssues } from "./app-error-details";
import { SECONDARY_BUTTON_CLASS } from "./button-styles";
import { Dialog } from "./dialog";

export type PublishedVersion = { version: number; exitedRuns: number };

type PublishProps = {
  journeyId: string;
  liveVersion: number | null;
  /** Saves pending edits; resolves to why publishing cannot go ahead, or undefined. */
  prepare: () => Promise<string | undefined>;
  onPublished: (published: PublishedVersion) => void;
  onClose: () => void;
};

const CHANGE_TONE = { added: "text-emerald-700", removed: "text-red-700", changed: "text-slate-700" } as const;

function IssueList({ issues, tone, label }: { issues: readonly Issue[]; tone: "error" | "warning"; label: string }) {
  return (
    <ul aria-label={label} className="space-y-1 text-sm">
      {issues.map((issue, i) => (
        <li key={i} className={`rounded-md px-2 py-1 ${tone === "error" ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-900"}`}>
          {issue.message}
        </li>
      ))}
    </ul>
  );
}

function PublishBody({ journeyId, liveVersion, prepare, onPublished, onClose }: PublishProps) {
  const trpc = useTRPC();
  const id = useId();
  const [prepared, setPrepared] = useState<{ blocked?: string } | undefined>();
  const [inFlight, setInFlight] = useState<"finish" | "exit">("finish");

  useEffect(() => {
    let live = true;
    void prepare().then((blocked) => live && setPrepared(blocked ? { blocked } : {}));
    return () => {
      live = false;
    };
  }, [prepare]);

  const preview = useQuery({
    ...trpc.journeys.publishPreview.queryOptions({ id: journeyId }),
    enabled: prepared !== undefined && !prepared.blocked,
    staleTime: 0,
    gcTime: 0,
  });
  const publish = useMutation(
    trpc.journeys.publish.mutationOptions({ onSuccess: (result) => onPublished({ version: result.version, exitedRuns: result.exitedRuns }) }),
  );

  if (!prepared) return <p className="text-sm text-slate-600">Saving your latest changes…</p>;
  if (prepared.blocked) return <p role="alert" className={ALERT_CLASS}>{prepared.blocked}</p>;
  if (preview.error) return <p role="alert" className={ALERT_CLASS}>{errorMessage(preview.error)}</p>;
  if (!preview.data) return <p className="text-sm text-slate-600">Checking the journey…</p>;

  const { nextVersion, changes, errors, warnings, inFlightRuns } = preview.data;
  const refused = publish.error ? refusalIssues(publish.error) : [];
  const blockedBy = errors.length > 0 ? `Fix ${errors.length} ${errors.length === 1 ? "error" : "errors"} before publishing.` : undefined;
  const runs = inFlightRuns === 1 ? "1 run is" : `${inFlightRuns.toLocaleString("en-GB")} runs are`;

  return (
    <div className="space-y-5">
      <section aria-labelledby={`${id}-changes`} className="space-y-1.5">
        <h3 id={`${id}-changes`} className="text-sm font-semibold">
          {liveVersion === null ? "What goes live" : `Changes since v${liveVersion}`}
        </h3>
        {changes.length === 0 ? (
          <p className="text-sm text-slate-600">Nothing changed except positions on the canvas.</p>
        ) : (
          <ul className="max-h-48 space-y-0.5 overflow-y-auto text-sm">
            {changes.map((c, i) => (
              <li key={i}>
                <span className={`font-medium capitalize ${CHANGE_TONE[c.kind]}`}>{c.kind}</span> {c.what}
              </li>
            ))}
          </ul>
        )}
      </section>

      {errors.length > 0 && (
        <section className="space-y-1.5">
          <h3 className="text-sm font-semibold text-red-800">
            {errors.length} {errors.length === 1 ? "error" : "errors"} — publishing is blocked
          </h3>
          <IssueList issues={errors} tone="error" label="Errors" />
        </section>
      )}
      {warnings.length > 0 && (
        <section className="space-y-1.5">
          <h3 className="text-sm font-semibold text-amber-900">
            {warnings.length} {warnings.length === 1 ? "warning" : "warnings"} — you can still publish
          </h3>
          <IssueList issues={warnings} tone="warning" label="Warnings" />
        </section>
      )}

      <fieldset className="space-y-1.5">
        <legend className="text-sm font-semibold">Runs already in the journey</legend>
        <p className="text-sm text-slate-600">{inFlightRuns === 0 ? "No runs are in flight right now." : `${runs} in flight right now.`}</p>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name={`${id}-in-flight`} className="mt-0.5 accent-brand-600" checked={inFlight === "finish"} onChange={() => setInFlight("finish")} />
          <span>
            Let them finish on the version they started{liveVersion === null ? "" : ` (v${liveVersion})`}
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" name={`${id}-in-flight`} className="mt-0.5 accent-brand-600" checked={inFlight === "exit"} onChange={() => setInFlight("exit")} />
          <span>Make them exit now</span>
        </label>
      </fieldset>

      {publish.error ? (
        <div role="alert" className={`${ALERT_CLASS} space-y-1`}>
          <p>{errorMessage(publish.error)}</p>
          {refused.length > 0 && (
            <ul className="list-disc pl-5">
              {refused.map((issue, i) => (
                <li key={i}>{issue.message}</li>
              ))}
            </ul>
          )}
        </div>
      ) : null}

      <div className="flex items-center justify-end gap-2 border-t border-slate-200 pt-4">
        {blockedBy && (
          <p id={`${id}-blocked`} className="mr-auto text-sm text-red-800">
            {blockedBy}
          </p>
        )}
        <button type="button" className={SECONDARY_BUTTON_CLASS} onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className={`${PRIMARY_BUTTON_CLASS} aria-disabled:cursor-not-allowed aria-disabled:opacity-60`}
          aria-disabled={blockedBy !== undefined || publish.isPending}
          aria-describedby={blockedBy ? `${id}-blocked` : undefined}
          onClick={() => {
            if (blockedBy === undefined && !publish.isPending) publish.mutate({ id: journeyId, inFlight });
          }}
        >
          {publish.isPending ? "Publishing…" : `Publish v${nextVersion}`}
        </button>
      </div>
    </div>
  );
}

export function PublishDialog(props: PublishProps & { open: boolean }) {
  const { open, ...body } = props;
  return (
    <Dialog open={open} onClose={props.onClose} title="Publish this journey" description="New runs enter the version you publish now." wide>
      <PublishBody {...body} />
    </Dialog>
  );
}
