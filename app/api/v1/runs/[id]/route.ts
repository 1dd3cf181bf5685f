import { nextRoute } from "@/server/api/rest/handler";
import { getRunRoute } from "@/server/api/rest/handlers/runs";

export const GET = nextRoute(getRunRoute);
