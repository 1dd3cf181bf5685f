/**
 * The journey format `switchboard.journey/v1`: the one source of truth for its shape.
 *
 * Terminology
 * - journey: one document (this schema); a draft is edited, a version is an immutable
 *   published copy that runs execute.
 * - node: one step of the graph; its `type` picks its `config` shape and its outputs.
 * - output / handle: a named exit of a node (`next`, `fallback`, `event`, `timeout`, a branch
 *   case name, `else`, a split variant name); an edge leaves a node through one handle.
 * - run: one profile travelling through one version of a journey (see the interpreter).
 *
 * The canvas, tRPC input, REST bodies, jsonb reads and the interpreter all parse with these
 * schemas; types come from `z.infer`, never written twice.
 */
import { z } from "zod";

export const JOURNEY_FORMAT = "switchboard.journey/v1" as const;

export const CHANNELS = ["sms", "whatsapp", "email", "push", "in_app", "voice"] as const;
export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

export const PURPOSES = ["transactional", "marketing"] as const;
export const PurposeSchema = z.enum(PURPOSES);
export type Purpose = z.infer<typeof PurposeSchema>;

export const OUTCOMES = ["delivered", "read", "opened", "clicked", "replied", "answered"] as const;
export const OutcomeSchema = z.enum(OUTCOMES);
export type Outcome = z.infer<typeof OutcomeSchema>;

const durationFields = {
  seconds: z.number().nonnegative().optional(),
  minutes: z.number().nonnegative().optional(),
  hours: z.number().nonnegative().optional(),
  days: z.number().nonnegative().optional(),
};

/** A positive span of time; at least one field, total > 0. */
export const DurationSchema = z
  .strictObject(durationFields)
  .refine((d) => Object.values(d).some((v) => v !== undefined), {
    message: "A duration needs at least one of seconds, minutes, hours, days",
  })
  .refine((d) => (d.seconds ?? 0) + (d.minutes ?? 0) + (d.hours ?? 0) + (d.days ?? 0) > 0, {
    message: "A duration must be longer than zero",
  });
export type Duration = z.infer<typeof DurationSchema>;

/** A span that may be negative ("24 hours before the appointment"). */
export const SignedDurationSchema = z
  .strictObject({
    seconds: z.number().optional(),
    minutes: z.number().optional(),
    hours: z.number().optional(),
    days: z.number().optional(),
  })
  .refine((d) => Object.values(d).some((v) => v !== undefined), {
    message: "An offset needs at least one of seconds, minutes, hours, days",
  });
export type SignedDuration = z.infer<typeof SignedDurationSchema>;

export const CONDITION_OPS = ["eq", "neq", "gt", "gte", "lt", "lte", "in", "contains", "exists", "not_exists"] as const;
export const ENGAGEMENT_STATUSES = ["delivered", "read", "opened", "clicked", "replied", "failed"] as const;

/** A path into the run's data: `profile.tier`, `event.total`, `journey.key`. */
const FieldPathSchema = z
  .string()
  .regex(/^(profile|event|journey)(\.[A-Za-z0-9_-]+)+$/, "A field reads profile.*, event.* or journey.*");

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: string; op: (typeof CONDITION_OPS)[number]; value?: unknown }
  | {
      engagement: {
        channel?: Channel;
        node?: string;
        status: (typeof ENGAGEMENT_STATUSES)[number];
        withinHours?: number;
      };
    }
  | { consent: { channel: Channel; purpose: Purpose } };

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
    z.strictObject({ field: FieldPathSchema, op: z.enum(CONDITION_OPS), value: z.unknown().optional() }),
    z.strictObject({
      engagement: z.strictObject({
        channel: ChannelSchema.optional(),
        node: z.string().optional(),
        status: z.enum(ENGAGEMENT_STATUSES),
        withinHours: z.number().positive().optional(),
      }),
    }),
    z.strictObject({ consent: z.strictObject({ channel: ChannelSchema, purpose: PurposeSchema }) }),
  ]),
);

const EventNameSchema = z.string().min(1).max(120);

/** An IANA zone name the runtime knows ("Europe/Paris"); a typo would otherwise fail mid-run. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
const TimeZoneSchema = z.string().refine(isTimeZone, { message: "Use an IANA time zone such as Europe/Paris" });

// ---- trigger -------------------------------------------------------------------------------
export const TriggerConfigSchema = z.discriminatedUnion("kind", [
  /** Enter when a matching event arrives for a profile. */
  z.strictObject({ kind: z.literal("event"), event: EventNameSchema, where: ConditionSchema.optional() }),
  /** Enter only through `POST /journeys/{key}/enroll`. */
  z.strictObject({ kind: z.literal("api") }),
  /** Enter every matching profile at `at` once, or on every `cron` tick. */
  z.strictObject({
    kind: z.literal("schedule"),
    at: z.iso.datetime({ offset: true }).optional(),
    cron: z.string().min(1).optional(),
    timezone: TimeZoneSchema.optional(),
    where: ConditionSchema.optional(),
  }),
]);
export type TriggerConfig = z.infer<typeof TriggerConfigSchema>;

// ---- wait ----------------------------------------------------------------------------------
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

export const WaitConfigSchema = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("duration"), duration: DurationSchema }),
  /** The next local time `at` (on one of `days`) in the recipient's or a fixed zone. */
  z.strictObject({
    mode: z.literal("until_time"),
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use HH:MM, 24-hour"),
    days: z.array(z.enum(WEEKDAYS)).min(1).optional(),
    timezone: z.string().refine((zone) => zone === "recipient" || isTimeZone(zone), {
      message: "Use \"recipient\" or an IANA time zone such as Europe/Paris",
    }),
  }),
  /** A time read from the run's data, plus an optional (possibly negative) offset. */
  z.strictObject({ mode: z.literal("until_date"), field: FieldPathSchema, offset: SignedDurationSchema.optional() }),
  /** Wait for an event (output `event`) or give up after `timeout` (output `timeout`). */
  z.strictObject({
    mode: z.literal("until_event"),
    event: EventNameSchema,
    where: ConditionSchema.optional(),
    timeout: DurationSchema,
  }),
]);
export type WaitConfig = z.infer<typeof WaitConfigSchema>;

// ---- send ----------------------------------------------------------------------------------
export const SmsContentSchema = z.strictObject({ body: z.string() });
export const WhatsappContentSchema = z.union([
  z.strictObject({ body: z.string() }),
  z.strictObject({ template: z.string(), language: z.string().min(1), variables: z.array(z.string()).default([]) }),
]);
export const EmailContentSchema = z.strictObject({ subject: z.string(), text: z.string(), html: z.string().optional() });
export const PushContentSchema = z.strictObject({ title: z.string(), body: z.string(), url: z.string().optional() });
export const InAppContentSchema = z.strictObject({ title: z.string(), body: z.string(), cta: z.string().optional() });
export const VoiceContentSchema = z.strictObject({ say: z.string(), language: z.string().optional() });

export const CONTENT_SCHEMAS = {
  sms: SmsContentSchema,
  whatsapp: WhatsappContentSchema,
  email: EmailContentSchema,
  push: PushContentSchema,
  in_app: InAppContentSchema,
  voice: VoiceContentSchema,
} as const;

export type SendContent = {
  [C in Channel]: z.infer<(typeof CONTENT_SCHEMAS)[C]>;
};

/** Which outcomes each channel can report; `clicked` needs tracked links, so any channel. */
export const CHANNEL_OUTCOMES: Record<Channel, readonly Outcome[]> = {
  sms: ["delivered", "clicked", "replied"],
  whatsapp: ["delivered", "read", "clicked", "replied"],
  email: ["delivered", "opened", "clicked"],
  push: ["delivered", "read", "clicked"],
  in_app: ["delivered", "read", "clicked"],
  voice: ["delivered", "clicked", "answered"],
};

export const AwaitSchema = z.strictObject({ outcome: OutcomeSchema, within: DurationSchema });

const sendBase = {
  purpose: PurposeSchema.optional(),
  urgent: z.boolean().optional(),
  senderId: z.string().min(1).optional(),
  await: AwaitSchema.optional(),
};

export const SendConfigSchema = z.discriminatedUnion("channel", [
  z.strictObject({ channel: z.literal("sms"), content: SmsContentSchema, ...sendBase }),
  z.strictObject({ channel: z.literal("whatsapp"), content: WhatsappContentSchema, ...sendBase }),
  z.strictObject({ channel: z.literal("email"), content: EmailContentSchema, ...sendBase }),
  z.strictObject({ channel: z.literal("push"), content: PushContentSchema, ...sendBase }),
  z.strictObject({ channel: z.literal("in_app"), content: InAppContentSchema, ...sendBase }),
  z.strictObject({ channel: z.literal("voice"), content: VoiceContentSchema, ...sendBase }),
]);
export type SendConfig = z.infer<typeof SendConfigSchema>;

// ---- branch, split, update_profile, webhook, exit ------------------------------------------
const HandleNameSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "Use letters, digits, _ or - (1–64)");

export const BranchConfigSchema = z.strictObject({
  cases: z.array(z.strictObject({ name: HandleNameSchema, where: ConditionSchema })).min(1),
});
export const SplitConfigSchema = z.strictObject({
  variants: z.array(z.strictObject({ name: HandleNameSchema, percent: z.number().min(0).max(100) })).min(1),
});
export const UpdateProfileConfigSchema = z.strictObject({
  set: z.record(z.string().min(1), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export const WebhookConfigSchema = z.strictObject({
  url: z.string().min(1),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
  headers: z.record(z.string(), z.string()).optional(),
  body: z.string().optional(),
});
export const ExitConfigSchema = z.strictObject({});

// ---- nodes, edges, document ----------------------------------------------------------------
export const NodeIdSchema = z.string().regex(/^[a-z0-9_-]{1,64}$/, "Node ids use a-z, 0-9, _ or - (1–64)");
const PositionSchema = z.strictObject({ x: z.number(), y: z.number() });
const nodeBase = { id: NodeIdSchema, label: z.string().max(120).optional(), position: PositionSchema };

export const NodeSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...nodeBase, type: z.literal("trigger"), config: TriggerConfigSchema }),
  z.strictObject({ ...nodeBase, type: z.literal("wait"), config: WaitConfigSchema }),
  z.strictObject({ ...nodeBase, type: z.literal("send"), config: SendConfigSchema }),
  z.strictObject({ ...nodeBase, type: z.literal("branch"), config: BranchConfigSchema }),
  z.strictObject({ ...nodeBase, type: z.literal("split"), config: SplitConfigSchema }),
  z.strictObject({ ...nodeBase, type: z.literal("update_profile"), config: UpdateProfileConfigSchema }),
  z.strictObject({ ...nodeBase, type: z.literal("webhook"), config: WebhookConfigSchema }),
  z.strictObject({ ...nodeBase, type: z.literal("exit"), config: ExitConfigSchema }),
]);
export type JourneyNode = z.infer<typeof NodeSchema>;
export type NodeType = JourneyNode["type"];
export type NodeOf<T extends NodeType> = Extract<JourneyNode, { type: T }>;
export const NODE_TYPES = ["trigger", "wait", "send", "branch", "split", "update_profile", "webhook", "exit"] as const satisfies readonly NodeType[];

export const EdgeSchema = z.strictObject({
  id: z.string().min(1).max(128),
  source: z.string().min(1),
  sourceHandle: z.string().min(1),
  target: z.string().min(1),
});
export type JourneyEdge = z.infer<typeof EdgeSchema>;

export const JourneyKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "A key is 2–63 characters of a-z, 0-9 and -, starting with a letter or digit");

export const ExitOnSchema = z.strictObject({ event: EventNameSchema, where: ConditionSchema.optional() });
export const GoalSchema = z.strictObject({
  event: EventNameSchema,
  where: ConditionSchema.optional(),
  withinHours: z.number().positive(),
});

export const JourneySchema = z.strictObject({
  format: z.literal(JOURNEY_FORMAT, {
    error: `format must be "${JOURNEY_FORMAT}"`,
  }),
  key: JourneyKeySchema,
  name: z.string().min(1).max(120),
  description: z.string().optional(),
  purpose: PurposeSchema,
  reentry: z.enum(["never", "after_exit", "always"]).default("after_exit"),
  quietHours: z.enum(["marketing", "all"]).default("marketing"),
  exitOn: z.array(ExitOnSchema).default([]),
  goal: GoalSchema.optional(),
  nodes: z.array(NodeSchema),
  edges: z.array(EdgeSchema),
});
/** A parsed journey (defaults applied). */
export type Journey = z.infer<typeof JourneySchema>;
/** A journey as written (defaults optional), e.g. an import file. */
export type JourneyInput = z.input<typeof JourneySchema>;

/** Parse untrusted input; throws a ZodError with paths on failure. */
export function parseJourney(doc: unknown): Journey {
  return JourneySchema.parse(doc);
}
