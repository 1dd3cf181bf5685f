"use client";

import { smartEncode } from "@/server/channels/sms/segments";
import { formatDuration } from "@/server/journey/duration";
import { CHANNEL_OUTCOMES, CHANNELS, type Channel, type NodeOf, type Outcome, type SendConfig, type SendContent } from "@/server/journey/schema";
import { useEditorStore } from "../editor-store-provider";
import { useAddSmsFallback } from "../use-add-sms-fallback";
import { canAddSmsFallback } from "../journey-edits";
import { CHANNEL_LABELS } from "../node-summary";
import { switchChannel } from "../node-defaults";
import { ChannelIcon } from "../nodes/node-icons";
import { DurationField } from "./duration-field";
import { CheckboxField, Section, SelectField, TextField, buttonClass, primaryButtonClass } from "./fields";
import type { FormProps } from "./form-props";
import { LiquidField } from "./liquid-field";
import { MessagePreview } from "./message-preview";
import { withOptional } from "./optional-key";

type SendOf<C extends Channel> = Extract<SendConfig, { channel: C }>;

function ChannelSwitch({ value, onChange }: { value: Channel; onChange: (c: Channel) => void }) {
  return (
    <div role="radiogroup" aria-label="Channel" className="grid grid-cols-3 gap-1">
      {CHANNELS.map((c) => (
        <button
          key={c}
          type="button"
          role="radio"
          aria-checked={c === value}
          onClick={() => onChange(c)}
          className={`flex items-center justify-center gap-1 rounded-md border px-1.5 py-1 text-xs ${
            c === value ? "border-brand-500 bg-brand-50 font-semibold text-brand-700" : "border-slate-300 text-slate-700 hover:bg-slate-50"
          }`}
        >
          <ChannelIcon channel={c} className="h-3.5 w-3.5" />
          {CHANNEL_LABELS[c]}
        </button>
      ))}
    </div>
  );
}

/** Set an optional string field, leaving it out when empty. */
function optional<T extends object, K extends keyof T>(obj: T, key: K, value: string): T {
  const next = { ...obj };
  if (value === "") delete next[key];
  else next[key] = value as T[K];
  return next;
}

function ContentEditor({ config, onChange }: { config: SendConfig; onChange: (config: SendConfig) => void }) {
  // Each branch rebuilds its own channel's config, so the channel/content pairing stays true.
  const set = <C extends Channel>(c: SendOf<C>, content: SendContent[C]) => onChange({ ...c, content } as SendConfig);
  switch (config.channel) {
    case "sms":
      return (
        <>
          <LiquidField label="Text" value={config.content.body} path={["content", "body"]} rows={5} onChange={(body) => set(config, { body })} />
          <TextField
            label="Sender ID (optional)"
            value={config.senderId ?? ""}
            placeholder="Workspace default for the country"
            path={["senderId"]}
            onChange={(v) => onChange(optional(config, "senderId", v))}
          />
        </>
      );
    case "whatsapp": {
      const content = config.content;
      const isTemplate = "template" in content;
      return (
        <>
          <SelectField
            label="Message"
            value={isTemplate ? "template" : "body"}
            options={[
              { value: "body", label: "Free text (inside the 24-hour window)" },
              { value: "template", label: "Approved template" },
            ]}
            onChange={(kind) =>
              set(config, kind === "template" ? { template: "", language: "en", variables: [] } : { body: "" })
            }
          />
          {"body" in content ? (
            <LiquidField label="Text" value={content.body} path={["content", "body"]} rows={5} onChange={(body) => set(config, { body })} />
          ) : (
            <>
              <TextField label="Template name" mono value={content.template} path={["content", "template"]} onChange={(template) => set(config, { ...content, template })} />
              <TextField label="Language" mono value={content.language} path={["content", "language"]} onChange={(language) => set(config, { ...content, language })} />
              {content.variables.map((v, i) => (
                <div key={i} className="flex items-end gap-1">
                  <div className="min-w-0 flex-1">
                    <LiquidField
                      label={`Variable {{${i + 1}}}`}
                      singleLine
                      value={v}
                      path={["content", "variables", i]}
                      onChange={(value) => set(config, { ...content, variables: content.variables.map((x, j) => (j === i ? value : x)) })}
                    />
                  </div>
                  <button
                    type="button"
                    className={`${buttonClass} mb-1`}
                    aria-label={`Remove variable ${i + 1}`}
                    onClick={() => set(config, { ...content, variables: content.variables.filter((_, j) => j !== i) })}
                  >
                    ×
                  </button>
                </div>
              ))}
              <button type="button" className={buttonClass} onClick={() => set(config, { ...content, variables: [...content.variables, ""] })}>
                + Template variable
              </button>
            </>
          )}
        </>
      );
    }
    case "email": {
      const content = config.content;
      return (
        <>
          <LiquidField label="Subject" singleLine value={content.subject} path={["content", "subject"]} onChange={(subject) => set(config, { ...content, subject })} />
          <LiquidField label="Text" value={content.text} rows={6} path={["content", "text"]} onChange={(text) => set(config, { ...content, text })} />
          {content.html === undefined ? (
            <button type="button" className={buttonClass} onClick={() => set(config, { ...content, html: "" })}>
              + HTML version
            </button>
          ) : (
            <LiquidField label="HTML" value={content.html} rows={6} path={["content", "html"]} onChange={(html) => set(config, { ...content, html })} />
          )}
        </>
      );
    }
    case "push": {
      const content = config.content;
      return (
        <>
          <TitleAndBody title={content.title} body={content.body} onChange={(words) => set(config, { ...content, ...words })} />
          <TextField label="Open URL (optional)" value={content.url ?? ""} path={["content", "url"]} onChange={(v) => set(config, optional(content, "url", v))} />
        </>
      );
    }
    case "in_app": {
      const content = config.content;
      return (
        <>
          <TitleAndBody title={content.title} body={content.body} onChange={(words) => set(config, { ...content, ...words })} />
          <TextField label="Button text (optional)" value={content.cta ?? ""} path={["content", "cta"]} onChange={(v) => set(config, optional(content, "cta", v))} />
        </>
      );
    }
    case "voice": {
      const content = config.content;
      return (
        <>
          <LiquidField label="Say" value={content.say} rows={4} path={["content", "say"]} onChange={(say) => set(config, { ...content, say })} />
          <TextField label="Language (optional)" mono value={content.language ?? ""} placeholder="en-GB" path={["content", "language"]} onChange={(v) => set(config, optional(content, "language", v))} />
        </>
      );
    }
    default: {
      const _exhaustive: never = config;
      return _exhaustive;
    }
  }
}

function TitleAndBody(props: { title: string; body: string; onChange: (words: { title: string; body: string }) => void }) {
  const { title, body, onChange } = props;
  return (
    <>
      <LiquidField label="Title" singleLine value={title} path={["content", "title"]} onChange={(t) => onChange({ title: t, body })} />
      <LiquidField label="Body" value={body} rows={3} path={["content", "body"]} onChange={(b) => onChange({ title, body: b })} />
    </>
  );
}

const OUTCOME_LABELS: Record<Outcome, string> = {
  delivered: "delivered",
  read: "read",
  opened: "opened",
  clicked: "clicked",
  replied: "replied to",
  answered: "answered",
};

function FallbackSettings({ nodeId, config, onChange }: { nodeId: string; config: SendConfig; onChange: (c: SendConfig) => void }) {
  const offer = useEditorStore((s) => !s.readOnly && canAddSmsFallback(s.doc, nodeId));
  const addSmsFallback = useAddSmsFallback();
  const outcomes = CHANNEL_OUTCOMES[config.channel];
  return (
    <Section title="Fallback">
      <CheckboxField
        label="Wait for an outcome before moving on"
        checked={config.await !== undefined}
        hint="Without it, the fallback path only catches messages that could not be sent at all."
        onChange={(on) => {
          const { await: _old, ...rest } = config;
          onChange(on ? ({ ...rest, await: { outcome: "delivered", within: { minutes: 5 } } } as SendConfig) : (rest as SendConfig));
        }}
      />
      {config.await && (
        <>
          <SelectField
            label="Outcome"
            value={config.await.outcome}
            path={["await", "outcome"]}
            options={outcomes.map((o) => ({ value: o, label: OUTCOME_LABELS[o] }))}
            onChange={(outcome) => config.await && onChange({ ...config, await: { ...config.await, outcome } })}
          />
          <DurationField
            label="Within"
            value={config.await.within}
            path={["await", "within"]}
            onChange={(within) => config.await && onChange({ ...config, await: { ...config.await, within } })}
          />
          <p className="rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-900">
            If it is not {OUTCOME_LABELS[config.await.outcome]} within {formatDuration(config.await.within)}, the journey takes the fallback path. A late
            success is recorded, and nothing is sent twice.
          </p>
        </>
      )}
      {offer && (
        <button type="button" className={primaryButtonClass} onClick={() => addSmsFallback(nodeId)}>
          + Add SMS fallback
        </button>
      )}
    </Section>
  );
}

export function SendForm({ nodeId, config, onChange }: FormProps<"send">) {
  const journeyPurpose = useEditorStore((s) => s.doc.purpose);
  const lookAlikes = config.channel === "sms" ? () => onChange({ ...config, content: { body: smartEncode(config.content.body) } }) : undefined;
  return (
    <div className="space-y-4">
      <Section title="Channel">
        <ChannelSwitch value={config.channel} onChange={(c) => onChange(switchChannel(config, c))} />
      </Section>
      <Section title="Message">
        <ContentEditor config={config} onChange={onChange} />
        <MessagePreview config={config} onUseLookAlikes={lookAlikes} />
      </Section>
      <Section title="Delivery">
        <SelectField
          label="Purpose"
          value={config.purpose ?? "default"}
          options={[
            { value: "default", label: `Journey default (${journeyPurpose})` },
            { value: "transactional", label: "Transactional" },
            { value: "marketing", label: "Marketing (needs opt-in, respects quiet hours)" },
          ]}
          onChange={(v) => {
            const { purpose: _old, ...rest } = config;
            onChange((v === "default" ? rest : { ...rest, purpose: v }) as NodeOf<"send">["config"]);
          }}
        />
        <CheckboxField
          label="Urgent"
          checked={config.urgent ?? false}
          hint="Goes out even in quiet hours. Only for transactional messages such as one-time codes."
          onChange={(urgent) => onChange(withOptional(config as SendConfig, "urgent", urgent))}
        />
      </Section>
      <FallbackSettings nodeId={nodeId} config={config} onChange={onChange} />
    </div>
  );
}
