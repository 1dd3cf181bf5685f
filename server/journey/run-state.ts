/**
 * The data the interpreter (`interpreter.ts`) reads and writes: a run's state, the inputs that
 * move it and the effects it asks the engine to carry out. The engine stores states (jsonb,
 * re-parsed with `RunStateSchema` on read) and inputs (`RunInputSchema`), so both are zod
 * schemas; effects are too, so timelines built from them can be stored and re-read.
 * Instants are ISO 8601 strings everywhere in here.
 */
import { z } from "zod";
import {
  ChannelSchema,
  CONTENT_SCHEMAS,
  OUTCOMES,
  OutcomeSchema,
  PurposeSchema,
  WebhookConfigSchema,
} from "./schema";

const InstantSchema = z.iso.datetime({ offset: true });
const PropertiesSchema = z.record(z.string(), z.unknown());

// ---- messages ------------------------------------------------------------------------------

/** What a provider can report about a message: the outcomes plus the two failure receipts. */
export const RECEIPT_STATUSES = [...OUTCOMES, "failed", "undelivered"] as const;
export const ReceiptStatusSchema = z.enum(RECEIPT_STATUSES);
export type ReceiptStatus = z.infer<typeof ReceiptStatusSchema>;

/**
 * A message's best-known status. `pending`: the send effect was emitted, no dispatch result yet;
 * `deferred`: held by quiet hours; `sent`: handed to the provider; `suppressed`/`failed`: not
 * dispatched (policy / provider refusal); the rest come from receipts.
 */
export const MESSAGE_STATUSES = ["pending", "deferred", "sent", "suppressed", ...RECEIPT_STATUSES] as const;
export const MessageStatusSchema = z.enum(MESSAGE_STATUSES);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

export const RunMessageSchema = z.object({
  nodeId: z.string(),
  channel: ChannelSchema,
  status: MessageStatusSchema,
  /** Why it was deferred, suppressed or failed, as the engine reported it. */
  reason: z.string().optional(),
  /** The send node took `fallback` for this message; a later success is only recorded. */
  fallbackTaken: z.boolean().optional(),
});
export type RunMessage = z.infer<typeof RunMessageSchema>;

// ---- waits ---------------------------------------------------------------------------------

/** What a run is parked on. Every wait with a `token` has exactly one pending wake-up at `until`. */
export const RunWaitSchema = z.discriminatedUnion("kind", [
  /** A `wait` node (duration, until_time, until_date) until `until`. */
  z.object({ kind: z.literal("timer"), nodeId: z.string(), token: z.string(), until: InstantSchema }),
  /** A `wait` node in `until_event` mode: `event` before `until`, else its timeout. */
  z.object({ kind: z.literal("event"), nodeId: z.string(), token: z.string(), event: z.string(), until: InstantSchema }),
  /** A `send` or `webhook` the engine has to dispatch; no timer: the engine owes the answer. */
  z.object({ kind: z.literal("dispatch"), nodeId: z.string(), key: z.string() }),
  /** A dispatched send awaiting `outcome` for message `key` until `until`. */
  z.object({
    kind: z.literal("outcome"),
    nodeId: z.string(),
    token: z.string(),
    key: z.string(),
    outcome: OutcomeSchema,
    until: InstantSchema,
  }),
]);
export type RunWait = z.infer<typeof RunWaitSchema>;
export type TimedWait = Extract<RunWait, { token: string }>;

// ---- state ---------------------------------------------------------------------------------

/**
 * - `active`: parked on a dispatch the engine owes (`wait.kind === "dispatch"`);
 * - `waiting`: parked on time, an event or a receipt (a timed wait);
 * - `completed`: reached an `exit` node or an output with no edge;
 * - `exited`: ended early (exitOn, cancel, loop limit, broken graph).
 */
export const RUN_STATUSES = ["active", "waiting", "completed", "exited"] as const;
export const RunStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** Why the engine cancels a run from outside the graph. */
export const CancelReasonSchema = z.enum(["superseded", "cancelled"]);
export type CancelReason = z.infer<typeof CancelReasonSchema>;

export const ExitReasonSchema = z.union([
  z.enum(["exit_node", "no_edge", "loop_limit", "missing_node"]),
  CancelReasonSchema,
  z.templateLiteral(["exit_on:", z.string()]),
]);
export type ExitReason = z.infer<typeof ExitReasonSchema>;

export const RunStateSchema = z.object({
  status: RunStatusSchema,
  /** The node the run is at (or ended at); null only if it ended before entering one. */
  nodeId: z.string().nullable(),
  /** Times each node was entered; the visit number makes keys and tokens unique per pass. */
  visits: z.record(z.string(), z.number().int().nonnegative()),
  wait: RunWaitSchema.nullable(),
  /** `event.*` for conditions and templates: the entry event's properties or the enroll data. */
  data: z.object({ event: PropertiesSchema }),
  enteredAt: InstantSchema,
  /** Every message this run asked for, by idempotency key. */
  messages: z.record(z.string(), RunMessageSchema),
  convertedAt: InstantSchema.optional(),
  exitReason: ExitReasonSchema.optional(),
});
export type RunState = z.infer<typeof RunStateSchema>;

export function isEnded(state: RunState): boolean {
  return state.status === "completed" || state.status === "exited";
}

// ---- inputs --------------------------------------------------------------------------------

export const DISPATCH_RESULTS = ["sent", "suppressed", "failed", "deferred"] as const;

export const RunInputSchema = z.discriminatedUnion("type", [
  /** Start a run: with the entry event (trigger kind `event`) or enroll data (kind `api`). */
  z.object({
    type: z.literal("enrol"),
    event: z.object({ name: z.string(), properties: PropertiesSchema.default({}) }).optional(),
    data: PropertiesSchema.optional(),
  }),
  /** The pending wake-up with this token fired; any other token is stale and ignored. */
  z.object({ type: z.literal("wake"), token: z.string() }),
  /** An event for the run's profile (until_event, exitOn, goal). */
  z.object({ type: z.literal("event"), name: z.string(), properties: PropertiesSchema.default({}), at: InstantSchema }),
  /**
   * The engine's attempt to dispatch send or webhook `key`. `deferred` (quiet hours) changes
   * nothing but the record; the engine reports again when it finally sends or gives up.
   */
  z.object({
    type: z.literal("dispatch"),
    key: z.string(),
    result: z.enum(DISPATCH_RESULTS),
    reason: z.string().optional(),
    /** For `deferred`: when the engine will try again. */
    until: InstantSchema.optional(),
  }),
  /** A receipt for message `key`: possibly late, duplicated or out of order. */
  z.object({ type: z.literal("outcome"), key: z.string(), status: ReceiptStatusSchema, at: InstantSchema }),
  /** End the run from outside the graph, e.g. superseded by a re-entry (reentry `always`). */
  z.object({ type: z.literal("cancel"), reason: CancelReasonSchema }),
]);
export type RunInput = z.infer<typeof RunInputSchema>;
export type RunInputOf<T extends RunInput["type"]> = Extract<RunInput, { type: T }>;

// ---- effects -------------------------------------------------------------------------------

const AnyContentSchema = z.union([
  CONTENT_SCHEMAS.sms,
  CONTENT_SCHEMAS.whatsapp,
  CONTENT_SCHEMAS.email,
  CONTENT_SCHEMAS.push,
  CONTENT_SCHEMAS.in_app,
  CONTENT_SCHEMAS.voice,
]);

export const SendEffectSchema = z.object({
  type: z.literal("send"),
  /** Idempotency key `${runId}:${nodeId}:${visit}`: the same on every retry of the same input. */
  key: z.string(),
  nodeId: z.string(),
  channel: ChannelSchema,
  purpose: PurposeSchema,
  urgent: z.boolean(),
  senderId: z.string().optional(),
  /** The node's content with every string rendered (Liquid over profile, event, journey). */
  content: AnyContentSchema,
  /** The journey's quiet-hours scope; the engine's policy decides what it means for this send. */
  quietHours: z.enum(["marketing", "all"]),
});
export type SendEffect = z.infer<typeof SendEffectSchema>;

export const STEP_KINDS = [
  "entered", // the run entered `nodeId`
  "took", // the node left through `output`
  "waiting", // parked until `detail`
  "sent", // dispatch confirmed
  "deferred", // dispatch held (quiet hours); `detail` says why and until when
  "suppressed", // dispatch refused by policy
  "failed", // dispatch failed at the provider
  "outcome", // a receipt changed a message's status
  "late_outcome", // a success receipt for a message whose node already took `fallback`
  "converted", // the goal event arrived in time
  "loop_limit", // too many transitions in one step
  "problem", // something the journey or its data got wrong (missing date, bad zone, render error)
] as const;
export const StepKindSchema = z.enum(STEP_KINDS);
export type StepKind = z.infer<typeof StepKindSchema>;

/** A timeline entry, as the interpreter emits it and the run's timeline stores it. */
export const RunStepSchema = z.object({
  nodeId: z.string().optional(),
  kind: StepKindSchema,
  output: z.string().optional(),
  detail: z.string().optional(),
});
export type RunStep = z.infer<typeof RunStepSchema>;

export const EffectSchema = z.discriminatedUnion("type", [
  SendEffectSchema,
  z.object({
    type: z.literal("webhook"),
    key: z.string(),
    nodeId: z.string(),
    url: z.string(),
    method: WebhookConfigSchema.shape.method,
    headers: z.record(z.string(), z.string()),
    body: z.string().optional(),
  }),
  /** The run's single pending wake-up; replaces any previous one. */
  z.object({ type: z.literal("schedule"), token: z.string(), at: InstantSchema }),
  /** Drop the pending wake-up (the run left its timed wait some other way). */
  z.object({ type: z.literal("unschedule") }),
  /** A timeline entry. */
  RunStepSchema.extend({ type: z.literal("step") }),
  z.object({
    type: z.literal("update_profile"),
    nodeId: z.string(),
    set: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  }),
  z.object({ type: z.literal("convert"), at: InstantSchema, msToConvert: z.number().nonnegative() }),
  z.object({ type: z.literal("exit"), reason: ExitReasonSchema }),
]);
export type Effect = z.infer<typeof EffectSchema>;
export type EffectOf<T extends Effect["type"]> = Extract<Effect, { type: T }>;
