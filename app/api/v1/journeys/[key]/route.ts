import { nextRoute } from "@/server/api/rest/handler";
import { getJourneyRoute, putJourneyRoute } from "@/server/api/rest/handlers/journeys";

export const GET = nextRoute(getJourneyRoute);
export const PUT = nextRoute(putJourneyRoute);
