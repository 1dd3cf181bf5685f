/**
 * Roles and what they may do, as data: the one table every procedure builder and REST wrapper
 * checks. Adding a capability means adding an action here and granting it to roles.
 */
export const ROLES = ["admin", "marketer", "analyst"] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  "journeys.read",
  "journeys.write",
  "journeys.publish",
  "profiles.read",
  "profiles.write",
  "analytics.read",
  "members.manage",
  "apiKeys.manage",
  "providers.manage",
  "consent.manage",
  "senderIds.manage",
  "events.write",
] as const;
export type Action = (typeof ACTIONS)[number];

const READ_ONLY: readonly Action[] = ["journeys.read", "profiles.read", "analytics.read"];

export const ROLE_PERMISSIONS: Record<Role, readonly Action[]> = {
  admin: ACTIONS,
  marketer: [...READ_ONLY, "journeys.write", "journeys.publish", "events.write"],
  analyst: READ_ONLY,
};

export function can(role: Role, action: Action): boolean {
  return ROLE_PERMISSIONS[role].includes(action);
}

/** What an API key may do: it acts for its workspace, like an admin minus people management. */
export const API_KEY_ACTIONS: readonly Action[] = ACTIONS.filter((a) => a !== "members.manage" && a !== "apiKeys.manage");
