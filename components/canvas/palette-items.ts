/**
 * What the palette offers, and the payload a palette item carries while dragged onto the
 * canvas (HTML5 drag and drop, under its own MIME type so stray drops are ignored).
 */
import { z } from "zod";
import { ChannelSchema, CHANNELS, NODE_TYPES, type Channel, type NodeType } from "@/server/journey/schema";
import { CHANNEL_LABELS } from "./node-summary";
import { NODE_CATALOG } from "./node-catalog";

export const PALETTE_MIME = "application/x-switchboard-node";

export const PaletteItemSchema = z.strictObject({ type: z.enum(NODE_TYPES), channel: ChannelSchema.optional() });
export type PaletteItem = z.infer<typeof PaletteItemSchema>;

export function encodePaletteItem(item: PaletteItem): string {
  return JSON.stringify(item);
}

/** The dropped item, or undefined for anything that is not one of ours. */
export function decodePaletteItem(raw: string): PaletteItem | undefined {
  try {
    const parsed = PaletteItemSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export type PaletteEntry = PaletteItem & { title: string; description: string };
export type PaletteGroup = { title: string; entries: PaletteEntry[] };

const entry = (type: NodeType): PaletteEntry => ({ type, title: NODE_CATALOG[type].title, description: NODE_CATALOG[type].description });

const message = (channel: Channel): PaletteEntry => ({
  type: "send",
  channel,
  title: CHANNEL_LABELS[channel],
  description: `Send a message by ${CHANNEL_LABELS[channel]}`,
});

/** Every node type; sends once per channel, since that is how marketers think of them. */
export const PALETTE_GROUPS: readonly PaletteGroup[] = [
  { title: "Start", entries: [entry("trigger")] },
  { title: "Messages", entries: CHANNELS.map(message) },
  { title: "Flow", entries: [entry("wait"), entry("branch"), entry("split"), entry("exit")] },
  { title: "Data", entries: [entry("update_profile"), entry("webhook")] },
];
