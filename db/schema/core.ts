/**
 * Accounts, workspaces, people and their data. Every row that belongs to a workspace carries
 * `workspace_id`, and every query filters on it (see server/auth/workspace-scope).
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  index,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  boolean,
} from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["admin", "marketer", "analyst"]);
export const channelEnum = pgEnum("channel", ["sms", "whatsapp", "email", "push", "in_app", "voice"]);
export const purposeEnum = pgEnum("purpose", ["transactional", "marketing"]);

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const workspaces = pgTable("workspaces", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  slug: text("slug").notNull().unique(),
  /** SendPolicySchema (server/policy/send-policy.ts), parsed on read. */
  sendPolicy: jsonb("send_policy").notNull().default(sql`'{}'::jsonb`),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    /** Set for invited users until they choose their own password. */
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_email_lower_idx").on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  "memberships",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    role: roleEnum("role").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.workspaceId] }), index("memberships_workspace_idx").on(t.workspaceId)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** The first characters of the key, shown in lists so admins can tell keys apart. */
    prefix: text("prefix").notNull(),
    /** sha256 of the whole key: keys are long random secrets, so a fast hash is enough. */
    hash: text("hash").notNull().unique(),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [index("api_keys_workspace_idx").on(t.workspaceId)],
);

/** Failed and successful sign-ins, for rate limiting per email and per IP. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    ok: boolean("ok").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_attempts_email_idx").on(t.email, t.at), index("sign_in_attempts_ip_idx").on(t.ip, t.at)],
);

export const profiles = pgTable(
  "profiles",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    phone: text("phone"),
    email: text("email"),
    whatsapp: text("whatsapp"),
    timezone: text("timezone"),
    locale: text("locale"),
    country: text("country"),
    attributes: jsonb("attributes").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("profiles_workspace_external_idx").on(t.workspaceId, t.externalId),
    // The target of the (profile, workspace) keys of events, runs and messages.
    uniqueIndex("profiles_id_workspace_idx").on(t.id, t.workspaceId),
    index("profiles_workspace_phone_idx").on(t.workspaceId, t.phone),
    index("profiles_workspace_email_idx").on(t.workspaceId, t.email),
  ],
);

/** Append-only consent log; the current state is derived (server/policy/consent.ts). */
export const consents = pgTable(
  "consents",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    profileId: uuid("profile_id")
      .notNull()
      .references(() => profiles.id, { onDelete: "cascade" }),
    channel: channelEnum("channel").notNull(),
    purpose: purposeEnum("purpose").notNull(),
    status: text("status", { enum: ["opted_in", "opted_out"] }).notNull(),
    source: text("source").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [index("consents_profile_idx").on(t.profileId, t.at), index("consents_workspace_status_idx").on(t.workspaceId, t.status, t.at)],
);

export const senderIds = pgTable(
  "sender_ids",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    value: text("value").notNull(),
    kind: text("kind", { enum: ["alphanumeric", "long_code", "short_code", "toll_free"] }).notNull(),
    /** ISO country codes, or ["*"] for every country. */
    countries: jsonb("countries").$type<string[]>().notNull(),
    purposes: jsonb("purposes").$type<string[]>(),
    status: text("status", { enum: ["pending", "approved", "rejected"] }).notNull().default("pending"),
    createdAt: createdAt(),
  },
  (t) => [index("sender_ids_workspace_idx").on(t.workspaceId)],
);

/** Which provider serves each channel of a workspace; absent → the sandbox. */
export const channelProviders = pgTable(
  "channel_providers",
  {
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    channel: channelEnum("channel").notNull(),
    provider: text("provider").notNull(),
    config: jsonb("config").notNull().default(sql`'{}'::jsonb`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.channel] })],
);
