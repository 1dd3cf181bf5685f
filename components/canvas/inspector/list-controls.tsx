"use client";

/** Move up / move down / remove buttons for an item of an ordered list in a form. */
export function ListControls(props: { label: string; index: number; count: number; onMove: (to: number) => void; onRemove?: () => void }) {
  const { label, index, count, onMove, onRemove } = props;
  const btn = "rounded px-1.5 py-0.5 text-xs text-slate-600 hover:bg-slate-100 disabled:opacity-30";
  return (
    <div className="flex gap-0.5">
      <button type="button" className={btn} aria-label={`Move ${label} up`} disabled={index === 0} onClick={() => onMove(index - 1)}>
        ↑
      </button>
      <button type="button" className={btn} aria-label={`Move ${label} down`} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
        ↓
      </button>
      {onRemove && (
        <button type="button" className={`${btn} hover:text-red-700`} aria-label={`Remove ${label}`} onClick={onRemove}>
          ×
        </button>
      )}
    </div>
  );
}

export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}
