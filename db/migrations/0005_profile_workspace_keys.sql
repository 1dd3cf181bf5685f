-- The keys below need this index, so it comes first.
CREATE UNIQUE INDEX "profiles_id_workspace_idx" ON "profiles" USING btree ("id","workspace_id");--> statement-breakpoint
ALTER TABLE "events" DROP CONSTRAINT "events_profile_id_profiles_id_fk";
--> statement-breakpoint
ALTER TABLE "messages" DROP CONSTRAINT "messages_profile_id_profiles_id_fk";
--> statement-breakpoint
ALTER TABLE "runs" DROP CONSTRAINT "runs_profile_id_profiles_id_fk";
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_profile_workspace_fk" FOREIGN KEY ("profile_id","workspace_id") REFERENCES "public"."profiles"("id","workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_profile_workspace_fk" FOREIGN KEY ("profile_id","workspace_id") REFERENCES "public"."profiles"("id","workspace_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_profile_workspace_fk" FOREIGN KEY ("profile_id","workspace_id") REFERENCES "public"."profiles"("id","workspace_id") ON DELETE cascade ON UPDATE no action;
