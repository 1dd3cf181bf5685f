import { nextRoute } from "@/server/api/rest/handler";
import { publishJourneyRoute } from "@/server/api/rest/handlers/journeys";

export const POST = nextRoute(publishJourneyRoute);
