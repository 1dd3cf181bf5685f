"use client";

/**
 * The message as the chosen sample profile would get it, rendered with the same Liquid engine
 * the interpreter uses; for SMS, measured after personalisation (a long first name can add a
 * segment).
 */
import { useMemo } from "react";
import { renderContent, type TemplateScope } from "@/server/journey/liquid";
import type { SendConfig } from "@/server/journey/schema";
import { useEditorStore } from "../editor-store-provider";
import { useEditorEnv, useSample } from "../editor-env";
import { SmsMeter } from "./sms-meter";

type Rendered = { ok: true; config: SendConfig } | { ok: false; message: string };

function render(config: SendConfig, scope: TemplateScope): Rendered {
  try {
    // The cast re-pairs channel and content, which renderContent keeps as given.
    return { ok: true, config: { ...config, content: renderContent(config.channel, config.content, scope) } as SendConfig };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

function Body({ config }: { config: SendConfig }) {
  switch (config.channel) {
    case "sms":
    case "whatsapp":
      return (
        <div className={`max-w-[85%] rounded-2xl rounded-bl-sm px-3 py-2 whitespace-pre-wrap ${config.channel === "sms" ? "bg-slate-200" : "bg-emerald-100"}`}>
          {"body" in config.content
            ? config.content.body
            : `Template ${config.content.template} (${config.content.language}): ${config.content.variables.join(" | ")}`}
        </div>
      );
    case "email":
      return (
        <div className="rounded border border-slate-200 bg-white">
          <div className="border-b border-slate-200 px-2 py-1 font-semibold">{config.content.subject}</div>
          <div className="px-2 py-1 whitespace-pre-wrap">{config.content.text}</div>
        </div>
      );
    case "push":
    case "in_app":
      return (
        <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 shadow-xs">
          <div className="font-semibold">{config.content.title}</div>
          <div className="whitespace-pre-wrap">{config.content.body}</div>
        </div>
      );
    case "voice":
      return <p className="italic">“{config.content.say}”</p>;
    default: {
      const _exhaustive: never = config;
      return _exhaustive;
    }
  }
}

export function MessagePreview({ config, onUseLookAlikes }: { config: SendConfig; onUseLookAlikes?: () => void }) {
  const { sampleProfiles, sampleIndex, setSampleIndex, smsPrice } = useEditorEnv();
  const sample = useSample();
  const key = useEditorStore((s) => s.doc.key);
  const name = useEditorStore((s) => s.doc.name);
  const rendered = useMemo(
    () => render(config, { profile: sample.profile, event: sample.event ?? {}, journey: { key, name } }),
    [config, sample, key, name],
  );

  return (
    <div className="space-y-2">
      <div className="flex items-center justify-between gap-2">
        <h4 className="text-xs font-medium text-slate-700">Preview</h4>
        {sampleProfiles.length > 1 ? (
          <select
            className="rounded border border-slate-300 bg-white px-1 py-0.5 text-xs"
            aria-label="Preview as sample profile"
            value={sampleIndex}
            onChange={(e) => setSampleIndex(Number(e.target.value))}
          >
            {sampleProfiles.map((s, i) => (
              <option key={i} value={i}>
                {s.name}
              </option>
            ))}
          </select>
        ) : (
          <span className="text-xs text-slate-500">as {sample.name}</span>
        )}
      </div>
      <div className="rounded-md bg-slate-50 p-2 text-sm text-slate-800">
        {rendered.ok ? <Body config={rendered.config} /> : <p className="text-xs text-red-700">Cannot render: {rendered.message}</p>}
      </div>
      {rendered.ok && rendered.config.channel === "sms" && (
        <SmsMeter text={rendered.config.content.body} price={smsPrice} onUseLookAlikes={onUseLookAlikes} />
      )}
    </div>
  );
}
