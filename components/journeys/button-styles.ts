/** The journey pages' buttons besides the primary one (components/admin/field-styles.ts), styled once. */
export const SECONDARY_BUTTON_CLASS =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50 disabled:opacity-60";
/** Small text buttons in table rows. */
export const ROW_BUTTON_CLASS = "rounded-md px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-60";
