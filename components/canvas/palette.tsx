"use client";

/**
 * Every step a journey can have. Drag an item onto the canvas, or click it (Enter/Space from
 * the keyboard) to add it after the selected step.
 */
import { useEditorStore } from "./editor-store-provider";
import { ChannelIcon, NodeTypeIcon } from "./nodes/node-icons";
import { NODE_CATALOG } from "./node-catalog";
import { PALETTE_GROUPS, PALETTE_MIME, encodePaletteItem, type PaletteEntry } from "./palette-items";
import { useAddNode } from "./use-add-node";

function PaletteButton({ entry, disabled, onAdd }: { entry: PaletteEntry; disabled: boolean; onAdd: () => void }) {
  return (
    <button
      type="button"
      draggable={!disabled}
      disabled={disabled}
      onDragStart={(e) => {
        e.dataTransfer.setData(PALETTE_MIME, encodePaletteItem({ type: entry.type, ...(entry.channel ? { channel: entry.channel } : {}) }));
        e.dataTransfer.effectAllowed = "copy";
      }}
      onClick={onAdd}
      title={disabled ? "A journey has exactly one entry" : entry.description}
      aria-label={`Add ${entry.title}${entry.type === "send" ? " message" : ""}: ${entry.description}`}
      className="flex w-full cursor-grab items-center gap-2 rounded-md border border-slate-200 bg-white px-2 py-1.5 text-left text-sm text-slate-800 shadow-xs hover:border-brand-500 hover:bg-brand-50 active:cursor-grabbing disabled:cursor-not-allowed disabled:opacity-50 disabled:hover:border-slate-200 disabled:hover:bg-white"
    >
      <span className={`flex h-6 w-6 shrink-0 items-center justify-center rounded ${NODE_CATALOG[entry.type].chip}`}>
        {entry.channel ? <ChannelIcon channel={entry.channel} className="h-3.5 w-3.5" /> : <NodeTypeIcon type={entry.type} className="h-3.5 w-3.5" />}
      </span>
      <span className="truncate">{entry.title}</span>
    </button>
  );
}

export function Palette() {
  const hasTrigger = useEditorStore((s) => s.doc.nodes.some((n) => n.type === "trigger"));
  const addNode = useAddNode();
  return (
    <nav aria-label="Steps palette" className="space-y-4">
      {PALETTE_GROUPS.map((group) => (
        <section key={group.title} className="space-y-1.5">
          <h2 className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">{group.title}</h2>
          <ul className="space-y-1">
            {group.entries.map((entry) => (
              <li key={`${entry.type}:${entry.channel ?? ""}`}>
                <PaletteButton
                  entry={entry}
                  disabled={entry.type === "trigger" && hasTrigger}
                  onAdd={() => addNode({ type: entry.type, ...(entry.channel ? { channel: entry.channel } : {}) })}
                />
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p className="text-xs text-slate-500">Drag onto the canvas, or click to add after the selected step.</p>
    </nav>
  );
}
