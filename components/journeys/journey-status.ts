/**
 * How a journey's lifecycle reads in the list and the editor: "Draft", "Live v3", "Paused (v3)",
 * "Archived". The live version matters because new runs enter it, not the draft being edited.
 */
export type JourneyStatus = "draft" | "live" | "paused" | "archived";

export function statusLabel(status: JourneyStatus, liveVersion: number | null): string {
  switch (status) {
    case "draft":
      return "Draft";
    case "live":
      return liveVersion === null ? "Live" : `Live v${liveVersion}`;
    case "paused":
      return liveVersion === null ? "Paused" : `Paused (v${liveVersion})`;
    case "archived":
      return "Archived";
    default: {
      const _exhaustive: never = status;
      return _exhaustive;
    }
  }
}

export const STATUS_STYLES: Record<JourneyStatus, string> = {
  draft: "bg-slate-100 text-slate-700 ring-slate-200",
  live: "bg-emerald-50 text-emerald-700 ring-emerald-200",
  paused: "bg-amber-50 text-amber-800 ring-amber-200",
  archived: "bg-slate-50 text-slate-500 ring-slate-200",
};
