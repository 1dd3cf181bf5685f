"use client";

/**
 * Import a `switchboard.journey/v1` file. The file is checked here first (JSON, then the journey
 * schema) so its problems are listed by path; a key already in the workspace is a choice —
 * replace that journey's draft (what `PUT /journeys/{key}` does) or import a copy under a free key.
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useRef, useState, type ChangeEvent } from "react";
import { PRIMARY_BUTTON_CLASS } from "@/components/admin/field-styles";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import type { Journey } from "@/server/journey/schema";
import { documentProblems } from "./app-error-details";
import { SECONDARY_BUTTON_CLASS } from "./button-styles";
import { copyKey, MAX_IMPORT_BYTES, readJourneyFile } from "./import-file";

type Existing = { id: string; key: string; name: string };

type Problem = { title: string; lines: string[] };

export function ImportJourney({ existing }: { existing: readonly Existing[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [clash, setClash] = useState<{ document: Journey; journey: Existing } | undefined>();

  const opened = async (journeyId: string) => {
    await queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() });
    router.push(`/journeys/${journeyId}`);
  };
  const refused = (error: unknown) => setProblem({ title: errorMessage(error), lines: documentProblems(error) });
  const create = useMutation(trpc.journeys.create.mutationOptions({ onSuccess: (j) => opened(j.id), onError: refused }));
  const replace = useMutation(trpc.journeys.save.mutationOptions({ onSuccess: (j) => opened(j.id), onError: refused }));
  const busy = create.isPending || replace.isPending;

  const picked = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = ""; // picking the same file again must fire again
    setProblem(undefined);
    setClash(undefined);
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) return setProblem({ title: `${file.name} is too large to be a journey.`, lines: [] });
    const read = readJourneyFile(await file.text());
    if (!read.ok) return setProblem({ title: `${file.name} is not a valid switchboard.journey/v1 document.`, lines: read.problems });
    const same = existing.find((j) => j.key === read.document.key);
    if (same) return setClash({ document: read.document, journey: same });
    create.mutate({ kind: "import", document: read.document });
  };

  const copyAs = clash ? copyKey(clash.document.key, new Set(existing.map((j) => j.key))) : "";

  return (
    <div className="relative">
      <input ref={input} type="file" accept="application/json,.json" hidden aria-label="Journey file to import" onChange={picked} />
      <button type="button" className={SECONDARY_BUTTON_CLASS} disabled={busy} onClick={() => input.current?.click()}>
        {busy ? "Importing…" : "Import JSON"}
      </button>
      {(problem || clash) && (
        <div className="absolute right-0 top-full z-20 mt-2 w-[28rem] space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-lg">
          {problem && (
            <div role="alert" className="space-y-2">
              <p className="font-medium text-red-800">{problem.title}</p>
              {problem.lines.length > 0 && (
                <ul className="max-h-48 list-disc space-y-0.5 overflow-y-auto pl-5 font-mono text-xs text-red-700" aria-label="Problems in the file">
                  {problem.lines.map((line, i) => (
                    <li key={i}>{line}</li>
                  ))}
                </ul>
              )}
            </div>
          )}
          {clash && (
            <div role="group" aria-label="The journey key is taken" className="space-y-2">
              <p>
                <span className="font-medium">{clash.journey.name}</span> already uses the key <code className="font-mono">{clash.document.key}</code>.
              </p>
              <div className="flex flex-wrap gap-2">
                <button
                  type="button"
                  className={PRIMARY_BUTTON_CLASS}
                  disabled={busy}
                  onClick={() => replace.mutate({ id: clash.journey.id, baseRevision: 0, document: clash.document, force: true })}
                >
                  Replace its draft
                </button>
                <button
                  type="button"
                  className={SECONDARY_BUTTON_CLASS}
                  disabled={busy}
                  onClick={() => create.mutate({ kind: "import", document: { ...clash.document, key: copyAs } })}
                >
                  Import as a copy ({copyAs})
                </button>
              </div>
            </div>
          )}
          <button
            type="button"
            className="text-xs font-medium text-slate-600 underline"
            onClick={() => {
              setProblem(undefined);
              setClash(undefined);
            }}
          >
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
