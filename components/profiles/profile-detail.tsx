"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { PageHeader } from "@/components/shell/page-header";
import { errorMessage } from "@/components/trpc/error-message";
import { useTRPC } from "@/components/trpc/react";
import { ProfileDetailConsents } from "./profile-detail-consents";
import { ProfileDetailFields } from "./profile-detail-fields";
import { ProfileDetailTimeline } from "./profile-detail-timeline";
import { profileName } from "./profile-name";

const ZONE_SOURCES = { profile: "from the profile", phone_country: "from the phone number", workspace: "the workspace default" } as const;

/** One person: who they are, what they agreed to, and everything sent to them or done for them. */
export function ProfileDetail({ externalId }: { externalId: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.profileDetail.get.queryOptions({ externalId }));
  const back = (
    <Link href="/profiles" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50">
      All profiles
    </Link>
  );

  if (query.error) {
    const notFound = (query.error as { data?: { code?: string } | null }).data?.code === "NOT_FOUND";
    return (
      <>
        <PageHeader title={notFound ? "Profile not found" : externalId} actions={back} />
        <div className="px-8 py-6">
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {errorMessage(query.error)}
          </p>
        </div>
      </>
    );
  }

  const detail = query.data;
  const name = detail ? profileName(detail.profile.attributes) : null;
  return (
    <>
      <PageHeader
        title={name ?? externalId}
        description={
          detail ? (
            <>
              External ID <span className="font-mono text-slate-700">{externalId}</span> · Quiet hours use {detail.recipientZone.zone} (
              {ZONE_SOURCES[detail.recipientZone.source]})
            </>
          ) : (
            "Loading profile…"
          )
        }
        actions={back}
      />
      {detail ? (
        <div className="grid grid-cols-1 gap-8 px-8 py-6 xl:grid-cols-[22rem_1fr]">
          <div className="space-y-8">
            <ProfileDetailFields profile={detail.profile} />
            <ProfileDetailConsents consents={detail.consents} />
          </div>
          <ProfileDetailTimeline items={detail.timeline} truncated={detail.truncated} />
        </div>
      ) : (
        <p className="px-8 py-10 text-sm text-slate-500">Loading profile…</p>
      )}
    </>
  );
}
