"use client";

/**
 * The journey editor page: the canvas editor wired to the server. The draft autosaves (with a
 * conflict prompt when someone else saved first), publishing goes through a confirming dialog,
 * older versions open read-only, test runs go through `journeys.simulate` under the workspace's
 * real send rules, and a published journey shows live counts on its steps.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useCallback, useRef, useState } from "react";
import { ALERT_CLASS, PRIMARY_BUTTON_CLASS } from "@/components/admin/field-styles";
import { JourneyEditor, type OnSimulate, type SaveState } from "@/components/canvas/journey-editor";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC, useTRPCClient } from "@/components/trpc/react";
import type { AppRouter } from "@/server/api/root";
import type { Journey } from "@/server/journey/schema";
import type { ValidationResult } from "@/server/journey/validate";
import type { AutosaveStatus } from "./autosave";
import { SECONDARY_BUTTON_CLASS } from "./button-styles";
import { JourneyStatusBadge } from "./journey-status-badge";
import { PublishDialog, type PublishedVersion } from "./publish-dialog";
import { SaveProblem } from "./save-problem";
import { useAutosave } from "./use-autosave";
import { VersionPicker, type EditorView } from "./version-picker";

type JourneyDetail = inferRouterOutputs<AppRouter>["journeys"]["get"];

/** How often the live counts on a published journey refresh while the page is open. */
const STATS_REFRESH_MS = 5_000;
/** Sample profiles change rarely; one fetch serves the editors opened for a while. */
const SAMPLES_STALE_MS = 60_000;

const NONE: never[] = [];

function editorSaveState(status: AutosaveStatus): SaveState | undefined {
  switch (status.state) {
    case "saved":
    case "saving":
    case "error":
    case "conflict":
      return status.state;
    case "invalid":
      return undefined; // the page explains it; "retrying" would be untrue
    default: {
      const _exhaustive: never = status;
      return _exhaustive;
    }
  }
}

export function JourneyEditorPage({ journeyId, canWrite, canPublish }: { journeyId: string; canWrite: boolean; canPublish: boolean }) {
  const trpc = useTRPC();
  const journey = useQuery({ ...trpc.journeys.get.queryOptions({ id: journeyId }), refetchOnWindowFocus: false });
  // Loaded alongside: the editor's test panel takes its first sample profile when it mounts.
  const samples = useQuery({ ...trpc.journeys.sampleData.queryOptions(), staleTime: SAMPLES_STALE_MS });
  if (journey.error) {
    return (
      <div className="space-y-3 p-8">
        <p role="alert" className={ALERT_CLASS}>
          {errorMessage(journey.error)}
        </p>
        <Link href="/journeys" className="text-sm font-medium text-brand-700 hover:underline">
          ← Back to journeys
        </Link>
      </div>
    );
  }
  if (!journey.data || samples.isPending) return <p className="p-8 text-sm text-slate-500">Loading the journey…</p>;
  return <JourneyWorkspace initial={journey.data} canWrite={canWrite} canPublish={canPublish} />;
}

function JourneyWorkspace({ initial, canWrite, canPublish }: { initial: JourneyDetail; canWrite: boolean; canPublish: boolean }) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const id = initial.id;
  const getKey = trpc.journeys.get.queryKey({ id });
  const journey = useQuery({ ...trpc.journeys.get.queryOptions({ id }), initialData: initial, refetchOnWindowFocus: false }).data;

  const [view, setView] = useState<EditorView>({ kind: "draft" });
  const [draftMount, setDraftMount] = useState<{ key: number; document: Journey }>({ key: 0, document: initial.document });
  const latestDraft = useRef<Journey>(initial.document);
  const [errorCount, setErrorCount] = useState(initial.errors.length);
  const [publishing, setPublishing] = useState(false);
  const [notice, setNotice] = useState<string | undefined>();

  const archived = journey.status === "archived";
  const editable = canWrite && !archived && view.kind === "draft";
  const published = journey.liveVersion !== null;

  const { autosave, status } = useAutosave(id, initial.revision, (saved) =>
    queryClient.setQueryData(getKey, (old) => (old ? { ...old, ...saved } : old)),
  );
  const [resolving, setResolving] = useState<{ pending: boolean; error?: string }>({ pending: false });

  const onChange = useCallback(
    (doc: Journey) => {
      latestDraft.current = doc;
      autosave.change(doc);
    },
    [autosave],
  );
  const onValidate = useCallback((result: ValidationResult) => setErrorCount(result.errors.length), []);

  const reloadTheirs = async () => {
    setResolving({ pending: true });
    try {
      const fresh = await queryClient.fetchQuery({ ...trpc.journeys.get.queryOptions({ id }), staleTime: 0 });
      autosave.reload(fresh.revision);
      latestDraft.current = fresh.document;
      setDraftMount((m) => ({ key: m.key + 1, document: fresh.document }));
      setResolving({ pending: false });
    } catch (error) {
      setResolving({ pending: false, error: errorMessage(error) });
    }
  };
  const overwrite = async () => {
    setResolving({ pending: true });
    await autosave.overwrite(); // a failure shows as the save state, like any other save
    setResolving({ pending: false });
  };

  const changeView = (next: EditorView) => {
    // The draft editor remounts from the newest draft, edits included (they keep autosaving).
    if (next.kind === "draft" && view.kind !== "draft") setDraftMount((m) => ({ key: m.key + 1, document: latestDraft.current }));
    setView(next);
  };

  const version = useQuery({
    ...trpc.journeys.getVersion.queryOptions({ id, version: view.kind === "version" ? view.version : 1 }),
    enabled: view.kind === "version",
    staleTime: Infinity,
  });
  const samples = useQuery({ ...trpc.journeys.sampleData.queryOptions(), staleTime: SAMPLES_STALE_MS });
  const stats = useQuery({ ...trpc.journeys.stats.queryOptions({ id }), enabled: published, refetchInterval: STATS_REFRESH_MS });

  const refreshJourney = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: getKey }),
      queryClient.invalidateQueries({ queryKey: trpc.journeys.list.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.journeys.stats.queryKey({ id }) }),
    ]);
  const pause = useMutation(
    trpc.journeys.setPaused.mutationOptions({
      onSuccess: async (row) => {
        setNotice(row.status === "paused" ? "Paused: no new runs enter; runs in flight carry on." : "Resumed: new runs enter again.");
        await refreshJourney();
      },
    }),
  );

  const prepare = useCallback(async () => {
    if (!canWrite) return undefined;
    return (await autosave.flush()) ? undefined : "Your latest changes are not saved yet (see the message above the canvas). Publish once they are.";
  }, [autosave, canWrite]);
  const onPublished = async (result: PublishedVersion) => {
    setPublishing(false);
    setNotice(`Published v${result.version}: new runs enter it.${result.exitedRuns > 0 ? ` ${result.exitedRuns} runs in flight were made to exit.` : ""}`);
    await refreshJourney();
  };
  const closePublish = useCallback(() => setPublishing(false), []);

  const viewedVersion = view.kind === "version" ? view.version : undefined;
  const onSimulate = useCallback<OnSimulate>(
    async (input) => {
      // The server simulates what it has stored: the newest edits must be saved first.
      if (viewedVersion === undefined && editable && !(await autosave.flush())) {
        throw new Error("Your latest changes are not saved yet, so the test would run an older draft. Try again once they are saved.");
      }
      return client.journeys.simulate.mutate({ id, input, ...(viewedVersion !== undefined ? { version: viewedVersion } : {}) });
    },
    [autosave, client, id, editable, viewedVersion],
  );

  const sampleProfiles = samples.data?.profiles ?? NONE;
  const attributeNames = samples.data?.attributeNames ?? NONE;
  const nodeStats = published ? stats.data : undefined;

  const toolbarExtra = (
    <>
      <VersionPicker view={view} versions={journey.versions} liveVersion={journey.liveVersion} onChange={changeView} />
      {canPublish && !archived && view.kind === "draft" && (
        <button
          type="button"
          className={`${PRIMARY_BUTTON_CLASS} py-1 text-xs`}
          onClick={() => {
            setNotice(undefined);
            setPublishing(true);
          }}
          title={errorCount > 0 ? `Fix ${errorCount} ${errorCount === 1 ? "error" : "errors"} before publishing` : undefined}
        >
          Publish…
        </button>
      )}
    </>
  );

  return (
    <div className="flex h-screen min-w-0 flex-col">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-4 py-2 text-sm">
        <Link href="/journeys" className="font-medium text-brand-700 hover:underline">
          ← Journeys
        </Link>
        <JourneyStatusBadge status={journey.status} liveVersion={journey.liveVersion} />
        <span className="text-slate-600">
          {published ? `New runs enter v${journey.liveVersion}${journey.status === "paused" ? " once resumed" : ""}.` : "Not published yet."}
        </span>
        {canPublish && (journey.status === "live" || journey.status === "paused") && (
          <button
            type="button"
            className={`${SECONDARY_BUTTON_CLASS} py-1 text-xs`}
            disabled={pause.isPending}
            onClick={() => pause.mutate({ id, paused: journey.status === "live" })}
          >
            {journey.status === "live" ? "Pause" : "Resume"}
          </button>
        )}
        {!canWrite && <span className="text-slate-500">Your role can view this journey but not change it.</span>}
        <p role="status" className="ml-auto text-emerald-800">
          {notice}
        </p>
        {pause.error ? (
          <p role="alert" className="w-full text-red-700">
            {errorMessage(pause.error)}
          </p>
        ) : null}
      </div>
      {archived && (
        <p className="border-b border-slate-200 bg-slate-100 px-4 py-2 text-sm text-slate-700">
          This journey is archived: no new runs enter it. Restore it from the journeys list to edit or publish it.
        </p>
      )}
      {view.kind === "version" && (
        <div className="flex items-center gap-3 border-b border-sky-200 bg-sky-50 px-4 py-2 text-sm text-sky-950">
          <p>
            Viewing published v{view.version}
            {view.version === journey.liveVersion ? " (live)" : ""}, read-only.
          </p>
          <button type="button" className={`${SECONDARY_BUTTON_CLASS} py-1 text-xs`} onClick={() => changeView({ kind: "draft" })}>
            Back to the draft
          </button>
        </div>
      )}
      {view.kind === "draft" && editable && <SaveProblem status={status} busy={resolving.pending} error={resolving.error} onReload={reloadTheirs} onOverwrite={overwrite} />}
      <div className="min-h-0 flex-1">
        {view.kind === "draft" ? (
          <JourneyEditor
            key={`draft-${draftMount.key}`}
            document={draftMount.document}
            readOnly={!editable}
            onChange={editable ? onChange : undefined}
            onValidate={onValidate}
            saveState={editable ? editorSaveState(status) : undefined}
            sampleProfiles={sampleProfiles}
            attributeNames={attributeNames}
            nodeStats={nodeStats}
            onSimulate={onSimulate}
            toolbarExtra={toolbarExtra}
          />
        ) : version.error ? (
          <p role="alert" className={`${ALERT_CLASS} m-4`}>
            {errorMessage(version.error)}
          </p>
        ) : !version.data ? (
          <p className="p-4 text-sm text-slate-500">Loading v{view.version}…</p>
        ) : (
          <JourneyEditor
            key={`version-${view.version}`}
            document={version.data}
            readOnly
            sampleProfiles={sampleProfiles}
            attributeNames={attributeNames}
            nodeStats={nodeStats}
            onSimulate={onSimulate}
            toolbarExtra={toolbarExtra}
          />
        )}
      </div>
      {canPublish && (
        <PublishDialog open={publishing} journeyId={id} liveVersion={journey.liveVersion} prepare={prepare} onPublished={onPublished} onClose={closePublish} />
      )}
    </div>
  );
}
