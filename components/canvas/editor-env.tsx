"use client";

/**
 * What the page hands the editor besides the document (sample profiles, attribute names, SMS
 * price), plus the sample chosen for previews. Not in the store: none of it is undoable.
 */
import { createContext, useContext, type ReactNode } from "react";
import type { ProfileView } from "@/server/journey/context";

/** A profile to preview messages with and to simulate, with the event it would enter on. */
export type SampleProfile = { name: string; profile: ProfileView; event?: Record<string, unknown> };

/** What one SMS segment costs, for the cost hint under an SMS body. */
export type SmsPrice = { perSegment: number; currency: string };

export type EditorEnv = {
  attributeNames: readonly string[];
  sampleProfiles: readonly SampleProfile[];
  smsPrice: SmsPrice | undefined;
  sampleIndex: number;
  setSampleIndex: (index: number) => void;
};

const EditorEnvContext = createContext<EditorEnv | null>(null);

export function EditorEnvProvider({ value, children }: { value: EditorEnv; children: ReactNode }) {
  return <EditorEnvContext.Provider value={value}>{children}</EditorEnvContext.Provider>;
}

export function useEditorEnv(): EditorEnv {
  const env = useContext(EditorEnvContext);
  if (!env) throw new Error("Editor components must be rendered inside <EditorEnvProvider>");
  return env;
}

/** A stand-in when the page has no sample profiles: templates render with blanks. */
export const BLANK_SAMPLE: SampleProfile = { name: "Blank profile", profile: { id: "sample" }, event: {} };

export function useSample(): SampleProfile {
  const { sampleProfiles, sampleIndex } = useEditorEnv();
  return sampleProfiles[sampleIndex] ?? sampleProfiles[0] ?? BLANK_SAMPLE;
}
