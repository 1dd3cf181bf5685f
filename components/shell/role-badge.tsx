import type { Role } from "@/server/auth/permissions";

const ROLE_STYLES: Record<Role, string> = {
  admin: "bg-brand-50 text-brand-700 ring-brand-100",
  marketer: "bg-emerald-50 text-emerald-700 ring-emerald-100",
  analyst: "bg-slate-100 text-slate-700 ring-slate-200",
};

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-[11px] font-medium capitalize ring-1 ring-inset ${ROLE_STYLES[role]}`}>
      {role}
    </span>
  );
}
