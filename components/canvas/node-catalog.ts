/**
 * How each node type presents itself: its name in the palette and on the card, a one-line
 * description for the palette, and its accent colours. Class names are written out in full so
 * Tailwind finds them.
 */
import type { NodeType } from "@/server/journey/schema";

export type NodeTypeInfo = {
  title: string;
  description: string;
  /** Icon chip on the card and in the palette. */
  chip: string;
  /** Top border of the card. */
  accent: string;
};

export const NODE_CATALOG: Record<NodeType, NodeTypeInfo> = {
  trigger: {
    title: "Entry",
    description: "When a profile enters: an event, the API, or a schedule",
    chip: "bg-violet-100 text-violet-700",
    accent: "border-t-violet-500",
  },
  wait: {
    title: "Wait",
    description: "Pause for a time, until a local time or date, or until an event",
    chip: "bg-sky-100 text-sky-700",
    accent: "border-t-sky-500",
  },
  send: {
    title: "Message",
    description: "Send on one channel, with an optional fallback",
    chip: "bg-brand-100 text-brand-700",
    accent: "border-t-brand-500",
  },
  branch: {
    title: "Branch",
    description: "Go one way or another on a condition",
    chip: "bg-fuchsia-100 text-fuchsia-700",
    accent: "border-t-fuchsia-500",
  },
  split: {
    title: "A/B split",
    description: "Send fixed percentages down each path",
    chip: "bg-teal-100 text-teal-700",
    accent: "border-t-teal-500",
  },
  update_profile: {
    title: "Update profile",
    description: "Set attributes on the profile",
    chip: "bg-lime-100 text-lime-800",
    accent: "border-t-lime-500",
  },
  webhook: {
    title: "Webhook",
    description: "Call an HTTP endpoint",
    chip: "bg-slate-200 text-slate-700",
    accent: "border-t-slate-500",
  },
  exit: {
    title: "Exit",
    description: "End the journey here",
    chip: "bg-rose-100 text-rose-700",
    accent: "border-t-rose-500",
  },
};
