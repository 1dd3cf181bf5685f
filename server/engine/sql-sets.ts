/**
 * Sets of values and rows as ONE statement parameter. The SQL text is then the same whatever
 * the batch size, so each statement is prepared once per connection (a new text costs an extra
 * round trip to prepare) and planned once, and building it costs one parameter, not one per value.
 */
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

/** `jsonb_to_recordset($1) as <alias>(<columns>)`; `columns` is trusted SQL, never user input. */
export function recordset(rows: readonly object[], alias: string, columns: string): SQL {
  return sql`jsonb_to_recordset(${JSON.stringify(rows)}::text::jsonb) as ${sql.raw(`${alias}(${columns})`)}`;
}

/** `column = any($1::<type>[])`: `inArray` with one array parameter instead of one per value. */
export function anyOf(column: PgColumn & AnyColumn, values: readonly string[]): SQL {
  return sql`${column} = any(${sql.param([...new Set(values)])}::${sql.raw(column.getSQLType())}[])`;
}
