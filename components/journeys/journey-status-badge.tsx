import { STATUS_STYLES, statusLabel, type JourneyStatus } from "./journey-status";

export function JourneyStatusBadge({ status, liveVersion }: { status: JourneyStatus; liveVersion: number | null }) {
  return (
    <span className={`inline-flex whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLES[status]}`}>
      {statusLabel(status, liveVersion)}
    </span>
  );
}
