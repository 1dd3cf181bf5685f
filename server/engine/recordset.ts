/**
 * Many rows as one statement parameter: `jsonb_to_recordset` of a JSON array. The SQL text is
 * the same whatever the row count, so Postgres plans it once, and building it costs one
 * JSON.stringify instead of a parameter per cell.
 */
import { sql, type SQL } from "drizzle-orm";

/** `jsonb_to_recordset($1) as <alias>(<columns>)`; `columns` is trusted SQL, never user input. */
export function recordset(rows: readonly object[], alias: string, columns: string): SQL {
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as ${sql.raw(`${alias}(${columns})`)}`;
}
