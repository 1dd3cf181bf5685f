/**
 * A profile's display name from its free-form attributes (`first_name`, `last_name`, as the
 * import and API write them); null when neither is a non-empty string.
 */
export function profileName(attributes: Record<string, unknown>): string | null {
  const parts = [attributes.first_name, attributes.last_name]
    .filter((p): p is string => typeof p === "string")
    .map((p) => p.trim())
    .filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : null;
}
