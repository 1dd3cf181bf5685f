import { formatDateTime } from "@/components/shell/format-date";
import type { Profile } from "@/server/profiles/get-profile";

const FIELDS: readonly { key: keyof Profile; label: string }[] = [
  { key: "phone", label: "Phone" },
  { key: "whatsapp", label: "WhatsApp" },
  { key: "email", label: "Email" },
  { key: "country", label: "Country" },
  { key: "timezone", label: "Time zone" },
  { key: "locale", label: "Locale" },
];

export function ProfileDetailFields({ profile }: { profile: Profile }) {
  const attributes = Object.entries(profile.attributes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <section aria-labelledby="profile-fields-heading">
        <h2 id="profile-fields-heading" className="mb-2 text-sm font-semibold text-slate-900">Fields</h2>
        <dl className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm shadow-xs">
          {FIELDS.map(({ key, label }) => (
            <Row key={key} label={label} value={profile[key] as string | null} />
          ))}
          <Row label="Created" value={formatDateTime(profile.createdAt)} />
          <Row label="Updated" value={formatDateTime(profile.updatedAt)} />
        </dl>
      </section>
      <section aria-labelledby="profile-attributes-heading">
        <h2 id="profile-attributes-heading" className="mb-2 text-sm font-semibold text-slate-900">Attributes</h2>
        {attributes.length === 0 ? (
          <p className="text-sm text-slate-500">No attributes.</p>
        ) : (
          <dl className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm shadow-xs">
            {attributes.map(([key, value]) => (
              <Row key={key} label={key} mono value={typeof value === "string" ? value : JSON.stringify(value)} />
            ))}
          </dl>
        )}
      </section>
    </>
  );
}

function Row({ label, value, mono = false }: { label: string; value: string | null; mono?: boolean }) {
  return (
    <div className="grid grid-cols-[8rem_1fr] gap-3 px-3 py-2">
      <dt className={`truncate text-slate-500 ${mono ? "font-mono text-xs leading-5" : ""}`} title={label}>
        {label}
      </dt>
      <dd className="min-w-0 text-slate-900 [overflow-wrap:anywhere]">{value ?? <span className="text-slate-400">—</span>}</dd>
    </div>
  );
}
