/** Small stroke icons for the sidebar; decorative, so hidden from assistive technology. */
import type { ReactNode } from "react";

function Icon({ children }: { children: ReactNode }) {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.6} strokeLinecap="round" strokeLinejoin="round"
      aria-hidden="true" focusable="false" className="size-4 shrink-0">
      {children}
    </svg>
  );
}

export function JourneysIcon() {
  return (
    <Icon>
      <circle cx="4.5" cy="5" r="2" />
      <circle cx="15.5" cy="5" r="2" />
      <circle cx="10" cy="15" r="2" />
      <path d="M6.5 5h7M5.5 6.8 9 13.2M14.5 6.8 11 13.2" />
    </Icon>
  );
}

export function ProfilesIcon() {
  return (
    <Icon>
      <circle cx="10" cy="7" r="3" />
      <path d="M4 17c.8-3 3.2-4.5 6-4.5s5.2 1.5 6 4.5" />
    </Icon>
  );
}

export function AnalyticsIcon() {
  return (
    <Icon>
      <path d="M3 17h14M5.5 14V9M10 14V4.5M14.5 14v-7" />
    </Icon>
  );
}

export function AdminIcon() {
  return (
    <Icon>
      <path d="M10 2.5 16 5v4.5c0 3.8-2.6 6.6-6 8-3.4-1.4-6-4.2-6-8V5l6-2.5Z" />
      <path d="m7.5 10 1.8 1.8 3.2-3.6" />
    </Icon>
  );
}
