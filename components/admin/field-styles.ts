/** Shared look of admin form controls, so every form and table row matches. */
export const INPUT_CLASS =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-xs placeholder:text-slate-400 focus:border-brand-500";
export const PRIMARY_BUTTON_CLASS =
  "rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white shadow-xs hover:bg-brand-700 disabled:opacity-60";
export const ALERT_CLASS = "rounded-md bg-red-50 px-3 py-2 text-sm text-red-700";
