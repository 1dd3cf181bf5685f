"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import type { Role } from "@/server/auth/permissions";
import { RoleBadge } from "./role-badge";

type UserMenuProps = { name: string | null; email: string | null; role: Role };

export function UserMenu({ name, email, role }: UserMenuProps) {
  const [signingOut, setSigningOut] = useState(false);
  const display = name || email || "Signed in";
  return (
    <section aria-label="Account" className="border-t border-slate-200 p-3">
      <div className="flex items-center gap-2.5">
        <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-100 text-xs font-semibold text-brand-700">
          {initialsOf(display)}
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex items-center gap-1.5">
            <span className="truncate text-sm font-medium text-slate-900">{display}</span>
            <RoleBadge role={role} />
          </div>
          {email && email !== display ? <div className="truncate text-xs text-slate-500">{email}</div> : null}
        </div>
      </div>
      <button
        type="button"
        disabled={signingOut}
        onClick={() => {
          setSigningOut(true);
          void signOut({ callbackUrl: "/sign-in" });
        }}
        className="mt-3 w-full rounded-md border border-slate-200 px-2.5 py-1.5 text-sm text-slate-700 hover:bg-slate-50 hover:text-slate-900 disabled:opacity-60"
      >
        {signingOut ? "Signing out…" : "Sign out"}
      </button>
    </section>
  );
}

function initialsOf(text: string): string {
  const words = text.split(/[\s@.]+/).filter(Boolean);
  return words
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join("");
}
