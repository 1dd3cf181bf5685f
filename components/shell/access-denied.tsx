/**
 * Shown in place of a page the current role may not open. The nav already hides such pages;
 * this covers typed URLs and stale links, and says why rather than redirecting silently.
 */
export function AccessDenied({ area, role, level = 1 }: { area: string; role: string; level?: 1 | 2 }) {
  // Inside a layout that already has the page's h1 (Admin), the panel is a section of it.
  const Heading = level === 1 ? "h1" : "h2";
  return (
    <div className="px-8 py-16">
      <div className="mx-auto max-w-md rounded-lg border border-slate-200 bg-white p-8 text-center shadow-xs">
        <Heading className="text-lg font-semibold text-slate-900">You don&apos;t have access to {area}</Heading>
        <p className="mt-2 text-sm text-slate-600">
          Your role in this workspace ({role}) doesn&apos;t include {area}. Ask a workspace admin if you need it.
        </p>
      </div>
    </div>
  );
}
