"use client";

/**
 * The SMS as it will be billed: encoding, segments, room left, the characters that forced
 * UCS-2 (with their GSM look-alikes) and what one message costs.
 */
import { analyzeSms, smartReplacement } from "@/server/channels/sms/segments";
import type { SmsPrice } from "../editor-env";
import { LONG_SMS_SEGMENTS, smsCapacity, smsCost } from "./sms-budget";
import { buttonClass } from "./fields";

export function SmsMeter({ text, price, onUseLookAlikes }: { text: string; price: SmsPrice | undefined; onUseLookAlikes?: () => void }) {
  const analysis = analyzeSms(text);
  const unicode = analysis.encoding === "UCS-2";
  const replaceable = analysis.nonGsmChars.filter((c) => smartReplacement(c) !== undefined);
  return (
    <div className="space-y-1.5 rounded-md border border-slate-200 bg-slate-50 p-2 text-xs" aria-live="polite">
      <div className="flex flex-wrap items-center gap-2">
        <span className={`rounded px-1.5 py-0.5 font-semibold ${unicode ? "bg-amber-100 text-amber-900" : "bg-emerald-100 text-emerald-800"}`}>
          {analysis.encoding}
        </span>
        <span className={analysis.segments > LONG_SMS_SEGMENTS ? "font-semibold text-amber-800" : "text-slate-700"}>
          {analysis.segments} {analysis.segments === 1 ? "segment" : "segments"}
        </span>
        <span className="text-slate-500 tabular-nums">
          {analysis.units}/{smsCapacity(analysis)} {unicode ? "code units" : "characters"}
        </span>
        {price && analysis.segments > 0 && (
          <span className="ml-auto text-slate-600" title={`${analysis.segments} × ${smsCost(1, price)} per segment`}>
            ≈ {smsCost(analysis.segments, price)} per message
          </span>
        )}
      </div>
      {analysis.segments > LONG_SMS_SEGMENTS && (
        <p className="text-amber-800">Longer than {LONG_SMS_SEGMENTS} segments: some phones show it late or in pieces.</p>
      )}
      {unicode && analysis.nonGsmChars.length > 0 && (
        <div className="space-y-1 text-amber-900">
          <p>
            These characters switch the message to UCS-2 (70 per segment instead of 160):{" "}
            {analysis.nonGsmChars.map((c) => {
              const swap = smartReplacement(c);
              return (
                <span key={c} className="mr-1 inline-block rounded bg-white px-1 font-mono ring-1 ring-amber-300">
                  {c}
                  {swap !== undefined && <span className="text-slate-500"> → {swap === "" ? "(remove)" : swap}</span>}
                </span>
              );
            })}
          </p>
          {onUseLookAlikes && replaceable.length > 0 && (
            <button type="button" className={buttonClass} onClick={onUseLookAlikes}>
              Use GSM look-alikes
            </button>
          )}
        </div>
      )}
    </div>
  );
}
