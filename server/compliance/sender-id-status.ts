/** Where a sender ID's registration stands; only `approved` senders are used to send. */
import { z } from "zod";

export const SENDER_ID_STATUSES = ["pending", "approved", "rejected"] as const;
export const SenderIdStatusSchema = z.enum(SENDER_ID_STATUSES);
export type SenderIdStatus = z.infer<typeof SenderIdStatusSchema>;
