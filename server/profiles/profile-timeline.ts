/**
 * The profile detail page's data: the profile, its consent (current state and the log), and a
 * timeline across channels, newest first — messages with their status history and the reason
 * in words, journey runs with their steps, and the person's replies. Bounded: the latest
 * TIMELINE_LIMITS of each kind, with a flag when there were more.
 */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { consents, inboundMessages, journeys, journeyVersions, messages, runs } from "@/db/schema";
import { describeMessageStatus } from "@/server/compliance/message-status-text";
import { AppError } from "@/server/errors";
import type { ConsentFact } from "@/server/journey/context";
import type { RunStatus } from "@/server/journey/run-state";
import type { Channel, Purpose } from "@/server/journey/schema";
import { currentConsents } from "@/server/policy/consent";
import { resolveRecipientTimezone, type ResolvedTimezone } from "@/server/policy/timezone";
import { loadSendPolicy } from "@/server/engine/workspace-policy";
import { messageBody } from "@/server/runs/message-body";
import { latestRunSteps } from "@/server/runs/run-steps";
import { presentConsent, presentProfile, type ConsentRecord, type Profile } from "./get-profile";
import { findProfileByExternalId } from "./upsert-profile";

export const TIMELINE_LIMITS = { messages: 50, runs: 20, stepsPerRun: 50, inbound: 50, consentLog: 200 } as const;

type JourneyRef = { key: string; name: string };

export type TimelineMessage = {
  type: "message";
  id: string;
  at: string;
  channel: Channel;
  purpose: Purpose;
  urgent: boolean;
  journey: JourneyRef | null;
  runId: string | null;
  nodeId: string | null;
  /** The node's label in the version the run used, else its id. */
  nodeLabel: string | null;
  /** Email only. */
  subject: string | null;
  body: string;
  to: string | null;
  from: string | null;
  provider: string | null;
  status: string;
  reason: string | null;
  /** e.g. "Suppressed: The recipient opted out of this channel". */
  statusText: string;
  deferredUntil: string | null;
  /** Sent because the primary message of its node was not delivered. */
  isFallback: boolean;
  /** Oldest first; `text` as statusText says it, e.g. "Deferred: Quiet hours in the recipient's time zone". */
  history: { status: string; at: string; reason: string | null; text: string }[];
};

export type TimelineRunStep = {
  id: string;
  nodeId: string | null;
  nodeLabel: string | null;
  kind: string;
  output: string | null;
  detail: string | null;
  at: string;
};

export type TimelineRun = {
  type: "run";
  id: string;
  at: string;
  journey: JourneyRef;
  version: number;
  status: RunStatus;
  currentNode: string | null;
  waitingFor: string | null;
  nextWakeAt: string | null;
  endedAt: string | null;
  convertedAt: string | null;
  exitReason: string | null;
  /** Oldest first; the latest `stepsPerRun` when `stepsTruncated`. */
  steps: TimelineRunStep[];
  stepsTruncated: boolean;
};

export type TimelineInbound = {
  type: "inbound";
  id: string;
  at: string;
  channel: Channel;
  from: string;
  text: string;
  classification: string;
  /** False while a possible opt-out waits for an admin. */
  reviewed: boolean;
};

export type TimelineItem = TimelineMessage | TimelineRun | TimelineInbound;

export type ProfileTimeline = {
  profile: Profile;
  /** The zone quiet hours use for this person, and where it came from. */
  recipientZone: ResolvedTimezone;
  consents: { current: ConsentFact[]; log: ConsentRecord[]; logTruncated: boolean };
  /** Newest first. */
  timeline: TimelineItem[];
  truncated: { messages: boolean; runs: boolean; inbound: boolean };
};

export async function getProfileTimeline(db: Executor, workspaceId: string, externalId: string): Promise<ProfileTimeline> {
  const profile = await findProfileByExternalId(db, workspaceId, externalId);
  if (!profile) throw new AppError("NOT_FOUND", `No profile with external id "${externalId}" in this workspace.`);

  const [policy, consentRows, messageRows, runRows, inboundRows] = await Promise.all([
    loadSendPolicy(db, workspaceId),
    db
      .select()
      .from(consents)
      .where(and(eq(consents.workspaceId, workspaceId), eq(consents.profileId, profile.id)))
      .orderBy(desc(consents.at), desc(consents.id))
      .limit(TIMELINE_LIMITS.consentLog + 1),
    db
      .select({ message: messages, journey: { key: journeys.key, name: journeys.name }, versionId: runs.versionId })
      .from(messages)
      .leftJoin(journeys, eq(journeys.id, messages.journeyId))
      .leftJoin(runs, eq(runs.id, messages.runId))
      .where(and(eq(messages.workspaceId, workspaceId), eq(messages.profileId, profile.id)))
      .orderBy(desc(messages.createdAt), desc(messages.id))
      .limit(TIMELINE_LIMITS.messages + 1),
    db
      .select({ run: runs, journey: { key: journeys.key, name: journeys.name } })
      .from(runs)
      .innerJoin(journeys, eq(journeys.id, runs.journeyId))
      .where(and(eq(runs.workspaceId, workspaceId), eq(runs.profileId, profile.id)))
      .orderBy(desc(runs.enteredAt), desc(runs.id))
      .limit(TIMELINE_LIMITS.runs + 1),
    db
      .select()
      .from(inboundMessages)
      .where(and(eq(inboundMessages.workspaceId, workspaceId), eq(inboundMessages.profileId, profile.id)))
      .orderBy(desc(inboundMessages.receivedAt), desc(inboundMessages.id))
      .limit(TIMELINE_LIMITS.inbound + 1),
  ]);

  const shownMessages = messageRows.slice(0, TIMELINE_LIMITS.messages);
  const shownRuns = runRows.slice(0, TIMELINE_LIMITS.runs);
  const shownInbound = inboundRows.slice(0, TIMELINE_LIMITS.inbound);

  const versionIds = new Set<string>([
    ...shownRuns.map((r) => r.run.versionId),
    ...shownMessages.flatMap((m) => (m.versionId ? [m.versionId] : [])),
  ]);
  const [labels, stepsByRun] = await Promise.all([
    loadNodeLabels(db, [...versionIds]),
    loadSteps(db, shownRuns.map((r) => r.run.id)),
  ]);
  const labelOf = (versionId: string | null, nodeId: string | null) =>
    nodeId === null ? null : ((versionId ? labels.get(versionId)?.get(nodeId) : undefined) ?? nodeId);

  const recipientZone = resolveRecipientTimezone({
    profileTimezone: profile.timezone,
    phone: profile.phone,
    workspaceTimezone: policy.timezone,
  });

  const items: TimelineItem[] = [
    ...shownMessages.map(({ message, journey, versionId }): TimelineMessage => {
      const { subject, body } = splitSubject(message.channel, message.content);
      return {
        type: "message",
        id: message.id,
        at: message.createdAt.toISOString(),
        channel: message.channel,
        purpose: message.purpose,
        urgent: message.urgent,
        journey,
        runId: message.runId,
        nodeId: message.nodeId,
        nodeLabel: labelOf(versionId, message.nodeId),
        subject,
        body,
        to: message.to,
        from: message.from,
        provider: message.provider,
        status: message.status,
        reason: message.reason,
        statusText: describeMessageStatus(message, recipientZone.zone),
        deferredUntil: message.status === "deferred" ? (message.deferredUntil?.toISOString() ?? null) : null,
        isFallback: message.fallbackOf !== null,
        history: message.statusHistory.map((h) => ({
          status: h.status,
          at: h.at,
          reason: h.reason ?? null,
          text: describeMessageStatus(h, recipientZone.zone),
        })),
      };
    }),
    ...shownRuns.map(({ run, journey }): TimelineRun => {
      const steps = stepsByRun.get(run.id) ?? [];
      const latest = steps.slice(-TIMELINE_LIMITS.stepsPerRun);
      return {
        type: "run",
        id: run.id,
        at: run.enteredAt.toISOString(),
        journey,
        version: run.version,
        status: run.status,
        currentNode: run.currentNode,
        waitingFor: run.waitingFor,
        nextWakeAt: run.nextWakeAt?.toISOString() ?? null,
        endedAt: run.endedAt?.toISOString() ?? null,
        convertedAt: run.convertedAt?.toISOString() ?? null,
        exitReason: run.exitReason,
        steps: latest.map((s) => ({
          id: s.id,
          nodeId: s.nodeId,
          nodeLabel: labelOf(run.versionId, s.nodeId),
          kind: s.kind,
          output: s.output,
          detail: s.detail,
          at: s.at.toISOString(),
        })),
        stepsTruncated: steps.length > TIMELINE_LIMITS.stepsPerRun,
      };
    }),
    ...shownInbound.map(
      (m): TimelineInbound => ({
        type: "inbound",
        id: m.id,
        at: m.receivedAt.toISOString(),
        channel: m.channel,
        from: m.from,
        text: m.text,
        classification: m.classification,
        reviewed: m.reviewedAt !== null,
      }),
    ),
  ];
  // Stable: on a tie a message stays above the run that made it in the same instant.
  items.sort((a, b) => Date.parse(b.at) - Date.parse(a.at));

  // The log comes newest first; currentConsents wants it in the order it was written.
  const log = consentRows.slice(0, TIMELINE_LIMITS.consentLog);
  return {
    profile: presentProfile(profile),
    recipientZone,
    consents: {
      current: currentConsents([...log].reverse()),
      log: log.map(presentConsent),
      logTruncated: consentRows.length > TIMELINE_LIMITS.consentLog,
    },
    timeline: items,
    truncated: {
      messages: messageRows.length > TIMELINE_LIMITS.messages,
      runs: runRows.length > TIMELINE_LIMITS.runs,
      inbound: inboundRows.length > TIMELINE_LIMITS.inbound,
    },
  };
}

/** Node labels per version, read from the stored documents' `nodes` only. */
async function loadNodeLabels(db: Executor, versionIds: string[]): Promise<Map<string, Map<string, string>>> {
  if (versionIds.length === 0) return new Map();
  const rows = await db
    .select({ id: journeyVersions.id, nodes: sql<unknown>`${journeyVersions.document}->'nodes'` })
    .from(journeyVersions)
    .where(inArray(journeyVersions.id, versionIds));
  return new Map(rows.map((r) => [r.id, labelsOf(r.nodes)]));
}

function labelsOf(nodes: unknown): Map<string, string> {
  const labels = new Map<string, string>();
  if (!Array.isArray(nodes)) return labels;
  for (const node of nodes as { id?: unknown; label?: unknown }[]) {
    if (typeof node?.id === "string" && typeof node.label === "string" && node.label.trim() !== "") labels.set(node.id, node.label);
  }
  return labels;
}

/** Each run's latest steps, oldest first, one more than shown so truncation can be told. */
async function loadSteps(db: Executor, runIds: string[]) {
  // One indexed query per run (at most TIMELINE_LIMITS.runs): simpler than a window function.
  return new Map(await Promise.all(runIds.map(async (runId) => [runId, await latestRunSteps(db, runId, TIMELINE_LIMITS.stepsPerRun + 1)] as const)));
}

/** Email shows its subject apart from the text; other channels have only a body. */
function splitSubject(channel: Channel, content: unknown): { subject: string | null; body: string } {
  if (channel !== "email" || !content || typeof content !== "object") return { subject: null, body: messageBody(channel, content) };
  const { subject, ...rest } = content as Record<string, unknown>;
  return { subject: typeof subject === "string" && subject !== "" ? subject : null, body: messageBody(channel, rest) };
}
