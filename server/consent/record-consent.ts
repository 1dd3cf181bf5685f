/** Appends to the consent log (it is never updated in place) and returns the record. */
import { z } from "zod";
import type { Executor } from "@/db/client";
import { consents } from "@/db/schema";
import { ChannelSchema, PurposeSchema } from "@/server/journey/schema";

export const ConsentInputSchema = z.strictObject({
  channel: ChannelSchema,
  purpose: PurposeSchema,
  status: z.enum(["opted_in", "opted_out"]),
  source: z.string().trim().min(1).max(120),
  timestamp: z.iso.datetime({ offset: true }).optional(),
});
export type ConsentInput = z.infer<typeof ConsentInputSchema>;

export async function recordConsent(db: Executor, workspaceId: string, profileId: string, input: ConsentInput) {
  const [row] = await db
    .insert(consents)
    .values({
      workspaceId,
      profileId,
      channel: input.channel,
      purpose: input.purpose,
      status: input.status,
      source: input.source,
      ...(input.timestamp ? { at: new Date(input.timestamp) } : {}),
    })
    .returning();
  return row!;
}
