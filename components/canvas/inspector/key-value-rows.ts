/**
 * Record ⇄ ordered rows, so a form can rename a key without moving it and can hold a row
 * whose key is still being typed.
 */
export type Row<V> = { key: string; value: V };

export function toRows<V>(record: Readonly<Record<string, V>>): Row<V>[] {
  return Object.entries(record).map(([key, value]) => ({ key, value }));
}

/** Later rows win on duplicate keys, like assigning in order. */
export function fromRows<V>(rows: readonly Row<V>[]): Record<string, V> {
  return Object.fromEntries(rows.map((r) => [r.key, r.value]));
}

/** The typed value of a profile attribute as chosen in the form. */
export type AttrKind = "text" | "number" | "true" | "false" | "null";

export function attrKind(value: string | number | boolean | null): AttrKind {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  return typeof value === "number" ? "number" : "text";
}

export function attrValue(kind: AttrKind, text: string): string | number | boolean | null {
  switch (kind) {
    case "text":
      return text;
    case "number":
      return text === "" ? 0 : Number(text);
    case "true":
      return true;
    case "false":
      return false;
    case "null":
      return null;
    default: {
      const _exhaustive: never = kind;
      return _exhaustive;
    }
  }
}
