/**
 * Migrations that move data keep it: a database at the previous migration, with rows in the
 * old shape, comes out of the next one with the same facts in the new shape.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import { RunStepSchema } from "@/server/journey/run-state";
import { MIGRATIONS_FOLDER } from "./migrate";
import { withDatabase } from "./test/names";

type Journal = { entries: { idx: number; tag: string }[] };

const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as Journal;

async function applyMigration(sql: postgres.Sql, tag: string) {
  const text = readFileSync(path.join(MIGRATIONS_FOLDER, `${tag}.sql`), "utf8");
  for (const statement of text.split("--> statement-breakpoint")) if (statement.trim()) await sql.unsafe(statement);
}

async function migrateUpTo(sql: postgres.Sql, lastTag: string) {
  for (const { tag } of journal.entries) {
    await applyMigration(sql, tag);
    if (tag === lastTag) return;
  }
  throw new Error(`no migration ${lastTag}`);
}

describe("0003_run_timeline", () => {
  const adminUrl = inject("pgAdminUrl");
  const name = `m_${randomBytes(6).toString("hex")}`;
  let sql: postgres.Sql;

  beforeAll(async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    sql = postgres(withDatabase(adminUrl, name), { max: 1, onnotice: () => {} });
    await migrateUpTo(sql, "0002_dispatch_job");
  });

  afterAll(async () => {
    await sql.end();
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it("turns each old step row into one timeline entry, in order, with its time and a text detail", async () => {
    const [ws] = await sql`insert into workspaces (name, slug) values ('W', 'w') returning id`;
    const [profile] = await sql`insert into profiles (workspace_id, external_id) values (${ws!.id}, 'p1') returning id`;
    const [journey] = await sql`insert into journeys (workspace_id, key, name, purpose, draft) values (${ws!.id}, 'j', 'J', 'marketing', '{}') returning id`;
    const [version] = await sql`
      insert into journey_versions (workspace_id, journey_id, version, document, trigger_kind)
      values (${ws!.id}, ${journey!.id}, 1, '{}', 'event') returning id`;
    const [run] = await sql`
      insert into runs (workspace_id, journey_id, version_id, version, profile_id, status, state)
      values (${ws!.id}, ${journey!.id}, ${version!.id}, 1, ${profile!.id}, 'completed', '{}') returning id`;
    await sql`
      insert into run_steps (workspace_id, run_id, node_id, kind, output, detail, at) values
        (${ws!.id}, ${run!.id}, 'start', 'entered', null, null, '2025-01-01T10:00:00Z'),
        (${ws!.id}, ${run!.id}, 'ab', 'took', 'sms', '"bucket 0.21"', '2025-01-01T10:00:00Z'),
        (${ws!.id}, ${run!.id}, 'sms', 'suppressed', null, '{"reason":"opted_out"}', '2025-01-01T11:00:00Z'),
        (${ws!.id}, ${run!.id}, null, 'converted', null, 'null', '2025-01-01T12:00:00Z')`;

    await applyMigration(sql, "0003_run_timeline");

    const entries = await sql<{ steps: unknown[]; at: Date }[]>`select steps, at from run_timeline where run_id = ${run!.id} order by id`;
    expect(entries.map((e) => [e.steps.map((s) => RunStepSchema.parse(s)), e.at.toISOString()])).toEqual([
      [[{ nodeId: "start", kind: "entered" }], "2025-01-01T10:00:00.000Z"],
      [[{ nodeId: "ab", kind: "took", output: "sms", detail: "bucket 0.21" }], "2025-01-01T10:00:00.000Z"],
      [[{ nodeId: "sms", kind: "suppressed", detail: '{"reason": "opted_out"}' }], "2025-01-01T11:00:00.000Z"],
      [[{ kind: "converted" }], "2025-01-01T12:00:00.000Z"],
    ]);
    const [old] = await sql`select to_regclass('run_steps') as t`;
    expect(old!.t).toBeNull();
  });
});
