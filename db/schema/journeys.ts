/**
 * Journeys, their immutable published versions, and everything a run leaves behind:
 * events, runs, their timelines, messages and receipts.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  foreignKey,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { channelEnum, profiles, purposeEnum, users, workspaces } from "./core";

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const workspaceRef = () =>
  uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" });

/**
 * The workspace of a row of the engine's busiest tables (events, runs, messages), checked
 * through the row's profile: one key on (profile, workspace) says the row belongs to its
 * profile's workspace and cascades when either goes. No key to the workspace row itself: it
 * would make every insert check and share-lock that one row, serialising concurrent batches.
 */
const workspaceOfProfile = () => uuid("workspace_id").notNull();

const ofProfileAndWorkspace = (table: string, t: { profileId: AnyPgColumn; workspaceId: AnyPgColumn }) =>
  foreignKey({ name: `${table}_profile_workspace_fk`, columns: [t.profileId, t.workspaceId], foreignColumns: [profiles.id, profiles.workspaceId] }).onDelete(
    "cascade",
  );

export const journeys = pgTable(
  "journeys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    key: text("key").notNull(),
    name: text("name").notNull(),
    purpose: purposeEnum("purpose").notNull(),
    status: text("status", { enum: ["draft", "live", "paused", "archived"] }).notNull().default("draft"),
    /** The draft document (JourneySchema), parsed again on every read. */
    draft: jsonb("draft").notNull(),
    /** Bumped on every draft save: a save names the revision it edited (optimistic concurrency). */
    revision: integer("revision").notNull().default(1),
    liveVersion: integer("live_version"),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("journeys_workspace_key_idx").on(t.workspaceId, t.key)],
);

export const journeyVersions = pgTable(
  "journey_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    journeyId: uuid("journey_id")
      .notNull()
      .references(() => journeys.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    document: jsonb("document").notNull(),
    /** The trigger's kind and event name, copied out so event matching needs no document read. */
    triggerKind: text("trigger_kind", { enum: ["event", "api", "schedule"] }).notNull(),
    triggerEvent: text("trigger_event"),
    publishedBy: uuid("published_by").references(() => users.id, { onDelete: "set null" }),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("journey_versions_journey_version_idx").on(t.journeyId, t.version),
    index("journey_versions_trigger_idx").on(t.workspaceId, t.triggerEvent),
  ],
);

export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceOfProfile(),
    profileId: uuid("profile_id").notNull(),
    name: text("name").notNull(),
    properties: jsonb("properties").$type<Record<string, unknown>>().notNull().default({}),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    idempotencyKey: text("idempotency_key"),
    /** The answer given the first time, returned again for a repeated idempotency key. */
    result: jsonb("result"),
  },
  (t) => [
    ofProfileAndWorkspace("events", t),
    uniqueIndex("events_workspace_idempotency_idx")
      .on(t.workspaceId, t.idempotencyKey)
      .where(sql`${t.idempotencyKey} is not null`),
    index("events_profile_idx").on(t.profileId, t.occurredAt),
  ],
);

export const runs = pgTable(
  "runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceOfProfile(),
    journeyId: uuid("journey_id")
      .notNull()
      .references(() => journeys.id, { onDelete: "cascade" }),
    versionId: uuid("version_id")
      .notNull()
      .references(() => journeyVersions.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    profileId: uuid("profile_id").notNull(),
    status: text("status", { enum: ["active", "waiting", "completed", "exited"] }).notNull(),
    /** RunStateSchema (server/journey/run-state.ts), parsed on read. */
    state: jsonb("state").notNull(),
    currentNode: text("current_node"),
    waitingFor: text("waiting_for"),
    nextWakeAt: timestamp("next_wake_at", { withTimezone: true }),
    /** Compare-and-set counter: a transition commits only if nobody moved the run first. */
    revision: integer("revision").notNull().default(0),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    convertedAt: timestamp("converted_at", { withTimezone: true }),
    exitReason: text("exit_reason"),
  },
  (t) => [
    ofProfileAndWorkspace("runs", t),
    // One active run per profile per journey, enforced by the database itself.
    uniqueIndex("runs_one_active_idx")
      .on(t.journeyId, t.profileId)
      .where(sql`${t.status} in ('active', 'waiting')`),
    index("runs_profile_journey_idx").on(t.profileId, t.journeyId),
    index("runs_journey_status_idx").on(t.journeyId, t.status),
    // Exactly the timer loop's question (waiting runs by wake-up time), so its poll reads only
    // due entries instead of every run that passed through active or waiting.
    index("runs_next_wake_idx")
      .on(t.nextWakeAt)
      .where(sql`${t.status} = 'waiting' and ${t.nextWakeAt} is not null`),
  ],
);

/**
 * Each run's timeline: one row per input the run took (entering, a wake-up, an event, a
 * message outcome) holding the steps it made, in order. A row per input rather than per step
 * is what keeps a busy engine's timeline writes to one index entry per input.
 */
export const runTimeline = pgTable(
  "run_timeline",
  {
    runId: uuid("run_id")
      .notNull()
      .references(() => runs.id, { onDelete: "cascade" }),
    id: bigserial("id", { mode: "number" }).notNull(),
    /** RunStepSchema[] (server/journey/run-state.ts), parsed on read. */
    steps: jsonb("steps").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  // A run's entries in order, from the key alone.
  (t) => [primaryKey({ columns: [t.runId, t.id] })],
);

export const messages = pgTable(
  "messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceOfProfile(),
    runId: uuid("run_id").references(() => runs.id, { onDelete: "set null" }),
    journeyId: uuid("journey_id").references(() => journeys.id, { onDelete: "set null" }),
    profileId: uuid("profile_id").notNull(),
    nodeId: text("node_id"),
    channel: channelEnum("channel").notNull(),
    purpose: purposeEnum("purpose").notNull(),
    urgent: boolean("urgent").notNull().default(false),
    /** The journey's quiet-hours scope when the message was made ("marketing" or "all"). */
    quietHours: text("quiet_hours", { enum: ["marketing", "all"] }).notNull().default("marketing"),
    to: text("to"),
    from: text("from"),
    /** Rendered content, by channel (body, subject/text, title/body…). */
    content: jsonb("content").notNull(),
    /** pending → deferred? → sending → sent → delivered/read/… ; or suppressed / failed. */
    status: text("status").notNull(),
    statusHistory: jsonb("status_history").$type<{ status: string; at: string; reason?: string }[]>().notNull().default([]),
    reason: text("reason"),
    provider: text("provider"),
    providerMessageId: text("provider_message_id"),
    idempotencyKey: text("idempotency_key").notNull(),
    /**
     * The idempotency key of the undelivered message this one replaces as a fallback: caps
     * count the pair once, and analytics count customers reached only thanks to a fallback.
     */
    fallbackOf: text("fallback_of"),
    deferredUntil: timestamp("deferred_until", { withTimezone: true }),
    /** The worker pool that handed it to the provider, for tracing incidents. */
    dispatchedBy: text("dispatched_by"),
    /**
     * The dispatch job that committed `sending`: only that job's retries call the provider
     * again for this message, so two jobs never have a call for it in flight at once.
     */
    dispatchJobId: text("dispatch_job_id"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    ofProfileAndWorkspace("messages", t),
    uniqueIndex("messages_idempotency_idx").on(t.idempotencyKey),
    index("messages_profile_idx").on(t.profileId, t.createdAt),
    index("messages_run_idx").on(t.runId),
    index("messages_provider_id_idx").on(t.provider, t.providerMessageId),
    // A dispatch job finds the calls it owns by their owner (immediate-sends.ts).
    index("messages_sending_owner_idx").on(t.dispatchJobId).where(sql`${t.status} = 'sending'`),
  ],
);

/** Receipts inbox: providers report late, twice and out of order; dedupe by their event id. */
export const messageReceipts = pgTable(
  "message_receipts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    provider: text("provider").notNull(),
    providerEventId: text("provider_event_id").notNull(),
    providerMessageId: text("provider_message_id").notNull(),
    /** The workspace whose credentials signed the receipt (null for the sandbox's own). */
    workspaceId: uuid("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    messageId: uuid("message_id").references(() => messages.id, { onDelete: "cascade" }),
    status: text("status").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    raw: jsonb("raw"),
  },
  (t) => [
    uniqueIndex("message_receipts_provider_event_idx").on(t.provider, t.providerEventId),
    // Receipts that arrived before our own `sent` commit, waiting to be matched.
    index("message_receipts_unmatched_idx")
      .on(t.provider, t.providerMessageId)
      .where(sql`${t.messageId} is null`),
  ],
);

export const inboundMessages = pgTable(
  "inbound_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: workspaceRef(),
    profileId: uuid("profile_id").references(() => profiles.id, { onDelete: "set null" }),
    channel: channelEnum("channel").notNull(),
    from: text("from").notNull(),
    text: text("text").notNull(),
    /** classifyInbound(): opt_out, opt_in, help, revocation_intent, other. */
    classification: text("classification").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedBy: uuid("reviewed_by").references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("inbound_workspace_idx").on(t.workspaceId, t.receivedAt)],
);

/** Worker pools write a heartbeat; a sweeper releases the jobs of pools that went silent. */
export const workerHeartbeats = pgTable("worker_heartbeats", {
  poolId: text("pool_id").primaryKey(),
  pid: integer("pid").notNull(),
  hostname: text("hostname").notNull(),
  /** graphile-worker ids of this pool, to unlock their jobs if the pool dies. */
  workerIds: jsonb("worker_ids").$type<string[]>().notNull().default([]),
  startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
});
