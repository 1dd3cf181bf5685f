import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommittedError, commitWith, createDatabase, type Database, type Executor, type Sql } from "./client";
import { workspaces } from "./schema";
import { createTestDatabase, type TestDatabase } from "./test/test-database";

let t: TestDatabase;
let one: Database;
beforeAll(async () => {
  t = await createTestDatabase();
  // One connection, so the session that ran a query is the one asked about it.
  one = createDatabase(t.url, { max: 1 });
});
afterAll(async () => {
  await one.close();
  await t.drop();
});

/** Statements this connection has prepared whose text mentions `marker`. */
async function preparedWith(db: Executor, marker: string) {
  const rows = await db.execute<{ statement: string }>(sql`select statement from pg_prepared_statements`);
  return rows.filter((r) => r.statement.includes(marker)).length;
}

describe("createDatabase", () => {
  it("prepares drizzle's parameterized queries once per connection", async () => {
    for (let i = 0; i < 3; i++) await one.db.select().from(workspaces).where(eq(workspaces.slug, `missing-${i}`));
    expect(await preparedWith(one.db, `"workspaces"."slug" = $1`)).toBe(1);
  });

  it("prepares them inside transactions and savepoints too", async () => {
    await one.db.transaction(async (tx) => {
      await tx.execute(sql`select ${1}::int as in_tx_marker`);
      await tx.transaction(async (inner) => {
        await inner.execute(sql`select ${2}::int as in_savepoint_marker`);
      });
    });
    expect(await preparedWith(one.db, "in_tx_marker")).toBe(1);
    expect(await preparedWith(one.db, "in_savepoint_marker")).toBe(1);
  });

  it("still rolls back a failed transaction and answers plain queries", async () => {
    const slug = `rollback-${Date.now()}`;
    await expect(
      one.db.transaction(async (tx) => {
        await tx.insert(workspaces).values({ name: "Rolled back", slug });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await one.db.select().from(workspaces).where(eq(workspaces.slug, slug))).toEqual([]);
  });
});

describe("transactions", () => {
  it("run a first statement sent at once inside the transaction", async () => {
    const slug = `first-${Date.now()}`;
    await expect(
      one.db.transaction(async (tx) => {
        // Straight to the transaction's client, with no await before it (drizzle's own layers
        // have some): it must still follow BEGIN.
        const client = (tx as unknown as { session: { client: Sql } }).session.client;
        await client.unsafe("insert into workspaces (name, slug) values ('First', $1)", [slug]);
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(await one.db.select().from(workspaces).where(eq(workspaces.slug, slug))).toEqual([]);
  });

  it("commit what they wrote, with savepoints rolled back alone", async () => {
    const kept = `kept-${Date.now()}`;
    const undone = `undone-${Date.now()}`;
    await one.db.transaction(async (tx) => {
      await tx.insert(workspaces).values({ name: "Kept", slug: kept });
      await expect(
        tx.transaction(async (inner) => {
          await inner.insert(workspaces).values({ name: "Undone", slug: undone });
          throw new Error("inner abort");
        }),
      ).rejects.toThrow("inner abort");
    });
    expect((await one.db.select().from(workspaces).where(eq(workspaces.slug, kept))).length).toBe(1);
    expect(await one.db.select().from(workspaces).where(eq(workspaces.slug, undone))).toEqual([]);
  });

  it("fail, and keep nothing, when a statement failed unnoticed", async () => {
    const slug = `unnoticed-${Date.now()}`;
    await expect(
      one.db.transaction(async (tx) => {
        await tx.insert(workspaces).values({ name: "Lost", slug });
        // Its error is swallowed: the transaction is aborted all the same.
        await tx.execute(sql`select 1 / 0`).catch(() => {});
      }),
    ).rejects.toThrow(/rolled back/);
    expect(await one.db.select().from(workspaces).where(eq(workspaces.slug, slug))).toEqual([]);
  });
});

describe("commitWith", () => {
  const insertSlug = (slug: string) => sql`insert into workspaces (name, slug) values ('Last', ${slug}) returning slug`;
  const slugs = async (...wanted: string[]) =>
    (await one.db.select({ slug: workspaces.slug }).from(workspaces).where(inArray(workspaces.slug, wanted))).map((w) => w.slug).sort();

  it("commits the transaction with its last statements, and answers them", async () => {
    const [first, last] = [`early-${Date.now()}`, `last-${Date.now()}`];
    const answers = await one.db.transaction(async (tx) => {
      await tx.execute(insertSlug(first));
      return commitWith(tx, [insertSlug(last), sql`select ${7}::int as seven`]);
    });
    expect(answers).toEqual([[{ slug: last }], [{ seven: 7 }]]);
    expect(await slugs(first, last)).toEqual([first, last].sort());
  });

  it("refuses any statement after it, which would run outside the transaction, and says the transaction committed", async () => {
    const [last, after] = [`before-end-${Date.now()}`, `after-end-${Date.now()}`];
    const failure = await one.db
      .transaction(async (tx) => {
        await commitWith(tx, [insertSlug(last)]);
        await tx.execute(insertSlug(after));
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(CommittedError);
    expect(failure).toMatchObject({ cause: { cause: { message: expect.stringMatching(/after the transaction's commit/) } } });
    expect(await slugs(last, after)).toEqual([last]);
  });

  it("sends a statement made earlier but not yet awaited ahead of COMMIT, inside the transaction", async () => {
    const [early, late] = await one.db.transaction(async (tx) => {
      const client = (tx as unknown as { session: { client: Sql } }).session.client;
      const made = client.unsafe("select txid_current()::text as id");
      const [[end]] = (await commitWith(tx, [sql`select txid_current()::text as id`])) as [[{ id: string }]];
      return [(await made)[0]!.id, end.id];
    });
    expect(early).toBe(late);
  });

  it("rolls everything back when one of its statements fails", async () => {
    const [first, last] = [`kept-not-${Date.now()}`, `last-not-${Date.now()}`];
    await expect(
      one.db.transaction(async (tx) => {
        await tx.execute(insertSlug(first));
        return commitWith(tx, [insertSlug(last), sql`select 1 / 0`]);
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await slugs(first, last)).toEqual([]);
  });

  it("is refused inside a savepoint, whose work is then undone alone", async () => {
    const [outer, inner] = [`outer-${Date.now()}`, `inner-${Date.now()}`];
    await one.db.transaction(async (tx) => {
      await tx.execute(insertSlug(outer));
      await expect(tx.transaction((nested) => commitWith(nested, [insertSlug(inner)]))).rejects.toThrow(/savepoint/);
    });
    expect(await slugs(outer, inner)).toEqual([outer]);
  });
});
