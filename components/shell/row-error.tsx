import { errorMessage } from "@/components/trpc/error-message";

/** A failed row action's message, under the row's action buttons. */
export function RowError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="mt-1 whitespace-normal text-right text-xs text-red-700">
      {errorMessage(error)}
    </p>
  );
}
