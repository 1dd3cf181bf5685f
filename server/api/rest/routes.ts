/** Every `/api/v1` endpoint, in the order the API reference lists them. */
import type { ApiRoute } from "./handler";
import { postConsentRoute } from "./handlers/consent";
import { postEventRoute, postEventsBatchRoute } from "./handlers/events";
import { enrollRoute, getJourneyRoute, publishJourneyRoute, putJourneyRoute, simulateRoute } from "./handlers/journeys";
import { getProfileRoute, putProfileRoute } from "./handlers/profiles";
import { getRunRoute, listMessagesRoute } from "./handlers/runs";
import { sandboxInboundRoute, sandboxOutcomeRoute } from "./handlers/sandbox";

export const API_ROUTES: readonly ApiRoute[] = [
  putProfileRoute,
  getProfileRoute,
  postEventRoute,
  postEventsBatchRoute,
  postConsentRoute,
  putJourneyRoute,
  getJourneyRoute,
  publishJourneyRoute,
  enrollRoute,
  simulateRoute,
  getRunRoute,
  listMessagesRoute,
  sandboxOutcomeRoute,
  sandboxInboundRoute,
];
