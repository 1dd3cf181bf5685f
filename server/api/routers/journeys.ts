import { z } from "zod";
import { SimulateInputSchema } from "@/server/journey/simulate";
import { TEMPLATES } from "@/server/journey/templates";
import { describeDraft, getDocument, getJourneyRow, saveDraft } from "@/server/journeys/drafts";
import { listJourneys } from "@/server/journeys/list-journeys";
import {
  createFrom,
  CreateJourneyInputSchema,
  duplicateJourney,
  listVersions,
  renameJourney,
  setArchived,
} from "@/server/journeys/manage-journeys";
import { nodeStats } from "@/server/journeys/node-stats";
import { publishPreview } from "@/server/journeys/publish-preview";
import { publishJourney, PublishOptionsSchema, setJourneyPaused } from "@/server/journeys/publish-journey";
import { editorSampleData } from "@/server/journeys/sample-data";
import { simulateJourney } from "@/server/journeys/simulate-journey";
import { createTRPCRouter, workspaceProcedure } from "../trpc";

const read = workspaceProcedure("journeys.read");
const write = workspaceProcedure("journeys.write");
const publish = workspaceProcedure("journeys.publish");
const ById = z.object({ id: z.uuid() });

export const journeysRouter = createTRPCRouter({
  list: read.query(({ ctx }) => listJourneys(ctx.db, ctx.workspaceId)),
  templates: read.query(() =>
    TEMPLATES.map((t) => ({ key: t.key, title: t.title, category: t.category, summary: t.summary, nodeCount: t.document.nodes.length })),
  ),
  create: write.input(CreateJourneyInputSchema).mutation(({ ctx, input }) => createFrom(ctx.db, ctx.workspaceId, input, ctx.user.id)),
  get: read.input(ById).query(async ({ ctx, input }) => ({
    ...describeDraft(await getJourneyRow(ctx.db, ctx.workspaceId, input.id)),
    versions: await listVersions(ctx.db, ctx.workspaceId, input.id),
  })),
  getVersion: read.input(ById.extend({ version: z.number().int().min(1) })).query(async ({ ctx, input }) => {
    const row = await getJourneyRow(ctx.db, ctx.workspaceId, input.id);
    return getDocument(ctx.db, ctx.workspaceId, row.key, input.version);
  }),
  save: write
    .input(ById.extend({ baseRevision: z.number().int(), document: z.unknown(), force: z.boolean().optional() }))
    .mutation(({ ctx, input }) => saveDraft(ctx.db, ctx.workspaceId, input, ctx.user.id)),
  rename: write
    .input(ById.extend({ name: z.string().trim().min(1, "Give the journey a name").max(120) }))
    .mutation(({ ctx, input }) => renameJourney(ctx.db, ctx.workspaceId, input.id, input.name, ctx.user.id)),
  duplicate: write.input(ById).mutation(({ ctx, input }) => duplicateJourney(ctx.db, ctx.workspaceId, input.id, ctx.user.id)),
  setArchived: write
    .input(ById.extend({ archived: z.boolean() }))
    .mutation(({ ctx, input }) => setArchived(ctx.db, ctx.workspaceId, input.id, input.archived)),
  export: read.input(ById.extend({ version: z.number().int().min(1).optional() })).query(async ({ ctx, input }) => {
    const row = await getJourneyRow(ctx.db, ctx.workspaceId, input.id);
    return getDocument(ctx.db, ctx.workspaceId, row.key, input.version);
  }),
  publishPreview: read.input(ById).query(({ ctx, input }) => publishPreview(ctx.db, ctx.workspaceId, input.id)),
  publish: publish
    .input(ById.extend(PublishOptionsSchema.shape))
    .mutation(({ ctx, input }) => publishJourney(ctx.db, ctx.workspaceId, input.id, ctx.user.id, { inFlight: input.inFlight })),
  setPaused: publish
    .input(ById.extend({ paused: z.boolean() }))
    .mutation(({ ctx, input }) => setJourneyPaused(ctx.db, ctx.workspaceId, input.id, input.paused)),
  simulate: read
    .input(ById.extend({ input: SimulateInputSchema, version: z.number().int().min(1).optional() }))
    .mutation(async ({ ctx, input }) => {
      const row = await getJourneyRow(ctx.db, ctx.workspaceId, input.id);
      return simulateJourney(ctx.db, ctx.workspaceId, row.key, input.input, input.version ? { version: input.version } : {});
    }),
  stats: read.input(ById).query(({ ctx, input }) => nodeStats(ctx.db, ctx.workspaceId, input.id)),
  sampleData: read.query(({ ctx }) => editorSampleData(ctx.db, ctx.workspaceId)),
});
