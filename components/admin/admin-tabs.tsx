"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { isActivePath } from "@/components/shell/active-path";

export type AdminTab = { href: string; label: string };

/** Section links under the Admin heading; they navigate, so they are links, not ARIA tabs. */
export function AdminTabs({ tabs }: { tabs: readonly AdminTab[] }) {
  const pathname = usePathname() ?? "";
  return (
    <nav aria-label="Admin sections" className="-mb-px flex gap-6">
      {tabs.map((tab) => {
        const active = isActivePath(pathname, tab.href);
        return (
          <Link key={tab.href} href={tab.href} aria-current={active ? "page" : undefined}
            className={`border-b-2 pb-2.5 text-sm font-medium transition-colors ${
              active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-800"
            }`}>
            {tab.label}
          </Link>
        );
      })}
    </nav>
  );
}
