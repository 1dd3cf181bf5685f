CREATE TABLE "run_timeline" (
	"run_id" uuid NOT NULL,
	"id" bigserial NOT NULL,
	"steps" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "run_timeline_run_id_id_pk" PRIMARY KEY("run_id","id")
);
--> statement-breakpoint
-- Existing steps move over one per entry, in their order; a detail that was not a string is
-- kept as its JSON text, since entries store detail as text.
INSERT INTO "run_timeline" ("run_id", "steps", "at")
SELECT "run_id",
	jsonb_build_array(jsonb_strip_nulls(jsonb_build_object(
		'nodeId', "node_id", 'kind', "kind", 'output', "output",
		'detail', CASE WHEN jsonb_typeof("detail") = 'string' THEN "detail" WHEN "detail" IS NULL OR "detail" = 'null'::jsonb THEN NULL ELSE to_jsonb("detail"::text) END))),
	"at"
FROM "run_steps" ORDER BY "id";
--> statement-breakpoint
DROP TABLE "run_steps" CASCADE;--> statement-breakpoint
ALTER TABLE "run_timeline" ADD CONSTRAINT "run_timeline_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;