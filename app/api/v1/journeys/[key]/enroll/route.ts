import { nextRoute } from "@/server/api/rest/handler";
import { enrollRoute } from "@/server/api/rest/handlers/journeys";

export const POST = nextRoute(enrollRoute);
