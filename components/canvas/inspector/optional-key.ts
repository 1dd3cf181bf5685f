/**
 * `obj` with `key` set to `value`, or without `key` when `value` is empty (falsy): the journey
 * format leaves unset optional fields out instead of storing empty ones.
 */
export function withOptional<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): T {
  const { [key]: _old, ...rest } = obj;
  return (value ? { ...rest, [key]: value } : rest) as T;
}
