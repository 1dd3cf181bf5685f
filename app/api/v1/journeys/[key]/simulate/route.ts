import { nextRoute } from "@/server/api/rest/handler";
import { simulateRoute } from "@/server/api/rest/handlers/journeys";

export const POST = nextRoute(simulateRoute);
