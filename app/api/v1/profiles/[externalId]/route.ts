import { nextRoute } from "@/server/api/rest/handler";
import { getProfileRoute, putProfileRoute } from "@/server/api/rest/handlers/profiles";

export const GET = nextRoute(getProfileRoute);
export const PUT = nextRoute(putProfileRoute);
