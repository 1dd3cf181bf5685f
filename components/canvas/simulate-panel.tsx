"use client";

/**
 * Test a journey on a virtual clock: pick a sample profile, script what happens ("WhatsApp
 * undelivered", "email opened after 2 h", "replies STOP"), run, read the timeline, and see the
 * path lit on the canvas. The page decides where it runs (`onSimulate`, e.g. the API); without
 * it, it runs here with the same pure simulator.
 */
import { useState } from "react";
import { CHANNELS, type Channel } from "@/server/journey/schema";
import { ProfileViewSchema, SIMULATED_OUTCOMES, simulate, type SimulateInput, type SimulateResult } from "@/server/journey/simulate";
import { validateJourney } from "@/server/journey/validate";
import { useEditorActions, useEditorStore, useEditorStoreApi } from "./editor-store-provider";
import { useEditorEnv, useSample } from "./editor-env";
import { Field, Section, buttonClass, inputClass, primaryButtonClass } from "./inspector/fields";
import { CHANNEL_LABELS } from "./node-summary";
import { highlightPath } from "./simulation-highlight";
import { PRESETS, formatElapsed, presetSteps, stopDecider, toSimulateInput, type Preset, type ScriptStep, type SimulatedOutcome } from "./simulation-script";
import { useFocusElement } from "./use-focus-element";

export type OnSimulate = (input: SimulateInput) => Promise<SimulateResult> | SimulateResult;

const UNITS = [
  ["s", 1],
  ["min", 60],
  ["h", 3_600],
  ["d", 86_400],
] as const;

function AfterInput({ seconds, onChange, label }: { seconds: number; onChange: (s: number) => void; label: string }) {
  const [unit, size] = [...UNITS].reverse().find(([, s]) => seconds % s === 0 && seconds >= s) ?? UNITS[0];
  return (
    <span className="flex items-center gap-1">
      <input
        type="number"
        min={0}
        className="w-16 rounded border border-slate-300 px-1 py-0.5 text-xs"
        aria-label={`${label}: amount`}
        value={seconds / size}
        onChange={(e) => onChange((e.target.value === "" ? 0 : e.target.valueAsNumber) * size)}
      />
      <select
        className="rounded border border-slate-300 px-1 py-0.5 text-xs"
        aria-label={`${label}: unit`}
        value={unit}
        onChange={(e) => onChange((seconds / size) * (UNITS.find(([u]) => u === e.target.value)?.[1] ?? 1))}
      >
        {UNITS.map(([u]) => (
          <option key={u} value={u}>
            {u}
          </option>
        ))}
      </select>
    </span>
  );
}

function StepRow({ step, index, onChange, onRemove }: { step: ScriptStep; index: number; onChange: (s: ScriptStep) => void; onRemove: () => void }) {
  const targets = useEditorStore((s) => s.doc.nodes);
  const n = index + 1;
  const small = "rounded border border-slate-300 px-1 py-0.5 text-xs";
  return (
    <li className="flex flex-wrap items-center gap-1 rounded-md border border-slate-200 bg-white p-1.5 text-xs">
      {step.kind === "outcome" && (
        <>
          <select className={small} aria-label={`Step ${n}: message`} value={step.nodeId} onChange={(e) => onChange({ ...step, nodeId: e.target.value })}>
            {targets
              .filter((t) => t.type === "send" || t.type === "webhook")
              .map((t) => (
                <option key={t.id} value={t.id}>
                  {t.label ?? t.id}
                </option>
              ))}
          </select>
          <select
            className={small}
            aria-label={`Step ${n}: outcome`}
            value={step.outcome}
            onChange={(e) => onChange({ ...step, outcome: e.target.value as SimulatedOutcome })}
          >
            {SIMULATED_OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {o.replace("_", " ")}
              </option>
            ))}
          </select>
          <span>after</span>
          <AfterInput label={`Step ${n}: after`} seconds={step.afterSeconds} onChange={(afterSeconds) => onChange({ ...step, afterSeconds })} />
        </>
      )}
      {step.kind === "event" && (
        <>
          <input className={`${small} w-32 font-mono`} aria-label={`Step ${n}: event name`} value={step.name} onChange={(e) => onChange({ ...step, name: e.target.value })} />
          <span>at</span>
          <AfterInput label={`Step ${n}: at`} seconds={step.afterSeconds} onChange={(afterSeconds) => onChange({ ...step, afterSeconds })} />
        </>
      )}
      {step.kind === "stop" && (
        <>
          <span>Replies STOP to the first SMS</span>
          <AfterInput label={`Step ${n}: after`} seconds={step.afterSeconds} onChange={(afterSeconds) => onChange({ ...step, afterSeconds })} />
          <span>after it is sent</span>
        </>
      )}
      <button type="button" className="ml-auto rounded px-1.5 text-slate-500 hover:bg-slate-100 hover:text-red-700" aria-label={`Remove step ${n}`} onClick={onRemove}>
        ×
      </button>
    </li>
  );
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: text.trim() === "" ? undefined : JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function Results({ result, started }: { result: SimulateResult; started: number }) {
  const focus = useFocusElement();
  const labels = useEditorStore((s) => s.doc.nodes);
  const nameOf = (id: string) => labels.find((n) => n.id === id)?.label ?? id;
  return (
    <div className="space-y-3" aria-live="polite">
      <p className="text-sm">
        Result: <span className="font-semibold">{result.status.replace("_", " ")}</span>, {result.sends.length}{" "}
        {result.sends.length === 1 ? "message" : "messages"}.
      </p>
      {result.sends.length > 0 && (
        <ul className="space-y-1">
          {result.sends.map((s, i) => (
            <li key={i} className="rounded-md border border-slate-200 px-2 py-1 text-xs">
              <span className="font-semibold">{CHANNEL_LABELS[s.channel]}</span> · {nameOf(s.nodeId)} ·{" "}
              <span className={s.status === "suppressed" || s.status === "failed" || s.status === "undelivered" ? "text-red-700" : "text-emerald-700"}>{s.status}</span>
              {s.reason && <span className="text-slate-500"> ({s.reason})</span>}
            </li>
          ))}
        </ul>
      )}
      <ol className="space-y-0.5 border-l-2 border-slate-200 pl-2 text-xs" aria-label="Timeline">
        {result.timeline.map((entry, i) => (
          <li key={i} className="flex gap-2">
            <span className="w-20 shrink-0 text-slate-500 tabular-nums">{formatElapsed(Date.parse(entry.at) - started)}</span>
            <span className="min-w-0">
              {entry.nodeId ? (
                <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => entry.nodeId && focus({ nodeId: entry.nodeId })}>
                  {nameOf(entry.nodeId)}
                </button>
              ) : null}{" "}
              <span className="text-slate-600">{entry.kind}</span>
              {entry.detail && <span className="text-slate-500"> — {entry.detail}</span>}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function SimulatePanel({ onSimulate }: { onSimulate?: OnSimulate }) {
  const store = useEditorStoreApi();
  const { setHighlight } = useEditorActions();
  const lit = useEditorStore((s) => s.highlight !== undefined);
  const { sampleProfiles, sampleIndex, setSampleIndex } = useEditorEnv();
  const sample = useSample();
  const [profileText, setProfileText] = useState(() => JSON.stringify(sample.profile, null, 2));
  const [dataText, setDataText] = useState(() => (sample.event ? JSON.stringify(sample.event, null, 2) : ""));
  const [optIns, setOptIns] = useState<Channel[]>([]);
  const [steps, setSteps] = useState<ScriptStep[]>([]);
  const [run, setRun] = useState<{ result: SimulateResult; started: number } | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [running, setRunning] = useState(false);

  const pickSample = (index: number) => {
    setSampleIndex(index);
    const next = sampleProfiles[index];
    if (!next) return;
    setProfileText(JSON.stringify(next.profile, null, 2));
    setDataText(next.event ? JSON.stringify(next.event, null, 2) : "");
  };

  const start = async () => {
    setError(undefined);
    const profile = parseJson(profileText);
    const data = parseJson(dataText);
    if (!profile.ok) return setError(`Profile: ${profile.message}`);
    if (!data.ok) return setError(`Entry data: ${data.message}`);
    const parsedProfile = ProfileViewSchema.safeParse(profile.value);
    if (!parsedProfile.success) return setError(`Profile: ${parsedProfile.error.issues.map((i) => `${i.path.join(".") || "profile"} ${i.message}`).join("; ")}`);
    const doc = store.getState().doc;
    const checked = validateJourney(doc);
    if (!checked.journey) return setError("The journey does not parse yet: fix the errors in the Issues tab first.");
    const startedAt = new Date();
    const input = toSimulateInput(checked.journey, {
      profile: parsedProfile.data,
      ...(data.value !== undefined ? { data: data.value as Record<string, unknown> } : {}),
      steps,
      marketingOptIns: optIns,
      startAt: startedAt.toISOString(),
    });
    setRunning(true);
    try {
      const decideSend = stopDecider(steps);
      const result = onSimulate ? await onSimulate(input) : simulate(checked.journey, { ...input, ...(decideSend ? { decideSend } : {}) });
      setRun({ result, started: startedAt.getTime() });
      setHighlight(highlightPath(doc, result.path, result.taken));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setRunning(false);
    }
  };

  const addPreset = (preset: Preset) => {
    const added = presetSteps(preset, store.getState().doc);
    if (added.length === 0) setError(`This journey has no step for “${PRESETS[preset]}”.`);
    else setSteps((current) => [...current, ...added]);
  };
  const firstTarget = () => store.getState().doc.nodes.find((n) => n.type === "send" || n.type === "webhook")?.id;

  return (
    <div className="space-y-5">
      <Section title="Sample profile">
        {sampleProfiles.length > 0 && (
          <select className={inputClass} aria-label="Sample profile" value={sampleIndex} onChange={(e) => pickSample(Number(e.target.value))}>
            {sampleProfiles.map((s, i) => (
              <option key={i} value={i}>
                {s.name}
              </option>
            ))}
          </select>
        )}
        <Field label="Profile (JSON)">
          {(control) => <textarea {...control} rows={6} className={`${inputClass} font-mono text-xs`} value={profileText} onChange={(e) => setProfileText(e.target.value)} />}
        </Field>
        <Field label="Entry event properties (JSON, optional)">
          {(control) => <textarea {...control} rows={3} className={`${inputClass} font-mono text-xs`} value={dataText} onChange={(e) => setDataText(e.target.value)} />}
        </Field>
        <fieldset>
          <legend className="text-xs font-medium text-slate-700">Opted in to marketing on</legend>
          <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
            {CHANNELS.map((c) => (
              <label key={c} className="flex items-center gap-1 text-xs">
                <input
                  type="checkbox"
                  className="accent-brand-600"
                  checked={optIns.includes(c)}
                  onChange={(e) => setOptIns((cur) => (e.target.checked ? [...cur, c] : cur.filter((x) => x !== c)))}
                />
                {CHANNEL_LABELS[c]}
              </label>
            ))}
          </div>
        </fieldset>
      </Section>
      <Section title="What happens">
        <div className="flex flex-wrap gap-1">
          {(Object.keys(PRESETS) as Preset[]).map((p) => (
            <button key={p} type="button" className={buttonClass} onClick={() => addPreset(p)}>
              {PRESETS[p]}
            </button>
          ))}
        </div>
        {steps.length === 0 ? (
          <p className="text-xs text-slate-500">Nothing scripted: every message is delivered (and read or opened where the channel reports it).</p>
        ) : (
          <ul className="space-y-1">
            {steps.map((step, i) => (
              <StepRow
                key={i}
                step={step}
                index={i}
                onChange={(next) => setSteps((cur) => cur.map((x, j) => (j === i ? next : x)))}
                onRemove={() => setSteps((cur) => cur.filter((_, j) => j !== i))}
              />
            ))}
          </ul>
        )}
        <div className="flex gap-1">
          <button
            type="button"
            className={buttonClass}
            onClick={() => {
              const nodeId = firstTarget();
              if (nodeId) setSteps((cur) => [...cur, { kind: "outcome", nodeId, outcome: "delivered", afterSeconds: 60 }]);
            }}
          >
            + Message outcome
          </button>
          <button type="button" className={buttonClass} onClick={() => setSteps((cur) => [...cur, { kind: "event", name: "", afterSeconds: 3_600, properties: {} }])}>
            + Event
          </button>
        </div>
      </Section>
      <div className="flex items-center gap-2">
        <button type="button" className={primaryButtonClass} onClick={start} disabled={running}>
          {running ? "Running…" : "Run test"}
        </button>
        {lit && (
          <button type="button" className={buttonClass} onClick={() => setHighlight(undefined)}>
            Clear path
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-2 py-1 text-xs text-red-800">
          {error}
        </p>
      )}
      {run && <Results result={run.result} started={run.started} />}
    </div>
  );
}
