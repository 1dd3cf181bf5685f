/**
 * Replies that read like a request to stop without being a keyword ("please stop texting me").
 * The FCC lets consent be revoked "by any reasonable means", so each one waits here for an
 * admin: "Record opt-out" appends opt-outs for the channel it came on (both purposes, as a
 * STOP keyword does) and marks it reviewed; "Not an opt-out" only marks it reviewed.
 */
import { and, asc, count, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { consents, inboundMessages, profiles } from "@/db/schema";
import { AppError } from "@/server/errors";
import type { Channel } from "@/server/journey/schema";
import { keywordConsentRecords } from "@/server/policy/consent";

export const REVIEW_CLASSIFICATION = "revocation_intent";

export const ListInboundReviewInputSchema = z.object({
  limit: z.number().int().min(1).max(200).default(50),
});

export const ResolveInboundInputSchema = z.object({
  id: z.uuid(),
  decision: z.enum(["opt_out", "not_opt_out"]),
});
export type ResolveInboundInput = z.infer<typeof ResolveInboundInputSchema>;

export type InboundForReview = {
  id: string;
  channel: Channel;
  from: string;
  text: string;
  receivedAt: string;
  /** The matched profile; null when the sender matched none (no opt-out can be recorded then). */
  profile: { externalId: string; attributes: Record<string, unknown> } | null;
};

const awaitingReview = (workspaceId: string) =>
  and(
    eq(inboundMessages.workspaceId, workspaceId),
    eq(inboundMessages.classification, REVIEW_CLASSIFICATION),
    isNull(inboundMessages.reviewedAt),
  );

/** Oldest first: the FCC's 10-business-day clock runs from receipt, so the oldest is most urgent. */
export async function listInboundForReview(
  db: Db,
  workspaceId: string,
  input: z.input<typeof ListInboundReviewInputSchema> = {},
): Promise<{ rows: InboundForReview[]; total: number }> {
  const { limit } = ListInboundReviewInputSchema.parse(input);
  const [rows, [total]] = await Promise.all([
    db
      .select({ inbound: inboundMessages, externalId: profiles.externalId, attributes: profiles.attributes })
      .from(inboundMessages)
      .leftJoin(profiles, eq(profiles.id, inboundMessages.profileId))
      .where(awaitingReview(workspaceId))
      .orderBy(asc(inboundMessages.receivedAt), asc(inboundMessages.id))
      .limit(limit),
    db.select({ n: count() }).from(inboundMessages).where(awaitingReview(workspaceId)),
  ]);
  return {
    rows: rows.map(({ inbound, externalId, attributes }) => ({
      id: inbound.id,
      channel: inbound.channel,
      from: inbound.from,
      text: inbound.text,
      receivedAt: inbound.receivedAt.toISOString(),
      profile: externalId !== null ? { externalId, attributes: attributes ?? {} } : null,
    })),
    total: total?.n ?? 0,
  };
}

export type Reviewer = { id: string; email: string | null };

export async function resolveInboundReview(
  db: Db,
  workspaceId: string,
  input: ResolveInboundInput,
  reviewer: Reviewer,
): Promise<{ id: string; decision: ResolveInboundInput["decision"]; consentsRecorded: number }> {
  return db.transaction(async (tx) => {
    const [inbound] = await tx
      .select()
      .from(inboundMessages)
      .where(and(eq(inboundMessages.workspaceId, workspaceId), eq(inboundMessages.id, input.id)))
      .for("update");
    if (!inbound || inbound.classification !== REVIEW_CLASSIFICATION) {
      throw new AppError("NOT_FOUND", "No reply awaiting review with that id in this workspace.");
    }
    if (inbound.reviewedAt) throw new AppError("CONFLICT", "Someone already reviewed this reply.");

    let consentsRecorded = 0;
    if (input.decision === "opt_out") {
      if (!inbound.profileId) {
        throw new AppError("UNPROCESSABLE", `No profile has ${inbound.from}, so there is no one to opt out. Mark it "Not an opt-out" or add the profile first.`);
      }
      // Dated when the reply arrived: the revocation took effect then, not when it was read.
      const records = keywordConsentRecords({
        kind: "opt_out",
        channel: inbound.channel,
        at: inbound.receivedAt,
        source: `admin_review:${reviewer.email ?? reviewer.id}`,
      });
      await tx.insert(consents).values(
        records.map((r) => ({
          workspaceId,
          profileId: inbound.profileId!,
          channel: r.channel,
          purpose: r.purpose,
          status: r.status,
          source: r.source,
          at: inbound.receivedAt,
        })),
      );
      consentsRecorded = records.length;
    }
    await tx
      .update(inboundMessages)
      .set({ reviewedAt: new Date(), reviewedBy: reviewer.id })
      .where(and(eq(inboundMessages.workspaceId, workspaceId), eq(inboundMessages.id, inbound.id)));
    return { id: inbound.id, decision: input.decision, consentsRecorded };
  });
}
