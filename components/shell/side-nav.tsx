"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import type { Action } from "@/server/auth/permissions";
import { isActivePath } from "./active-path";
import { AdminIcon, AnalyticsIcon, JourneysIcon, ProfilesIcon } from "./nav-icons";

type NavItem = { href: string; label: string; permission: Action; icon: ReactNode };

const NAV_ITEMS: readonly NavItem[] = [
  { href: "/journeys", label: "Journeys", permission: "journeys.read", icon: <JourneysIcon /> },
  { href: "/profiles", label: "Profiles", permission: "profiles.read", icon: <ProfilesIcon /> },
  { href: "/analytics", label: "Analytics", permission: "analytics.read", icon: <AnalyticsIcon /> },
  { href: "/admin", label: "Admin", permission: "members.manage", icon: <AdminIcon /> },
];

export function SideNav({ permissions }: { permissions: readonly string[] }) {
  const pathname = usePathname() ?? "";
  const items = NAV_ITEMS.filter((item) => permissions.includes(item.permission));
  return (
    <nav aria-label="Main" className="px-3">
      <ul className="space-y-0.5">
        {items.map((item) => {
          const active = isActivePath(pathname, item.href);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm transition-colors ${
                  active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900"
                }`}
              >
                {item.icon}
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
