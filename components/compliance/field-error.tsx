/**
 * The message under a form control. Give the control `aria-describedby={errorId(name)}` and
 * `aria-invalid` when there is one, so screen readers read it with the field.
 */
/** Add to an input's classes so one marked aria-invalid shows a red border. */
export const INVALID_BORDER_CLASS = "aria-[invalid=true]:border-red-400";

export function errorId(formId: string, field: string): string {
  return `${formId}-${field.replace(/\W/g, "-")}-error`;
}

export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="mt-1 text-xs font-normal text-red-700">
      {message}
    </p>
  );
}

/** The form-level alert: the server's words, or a pointer to the fields that need fixing. */
export function FormAlert({ form, fieldCount }: { form: string | null; fieldCount: number }) {
  const text = form ?? (fieldCount > 0 ? `Fix the ${fieldCount === 1 ? "field" : `${fieldCount} fields`} marked above.` : null);
  if (!text) return null;
  return (
    <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
      {text}
    </p>
  );
}
