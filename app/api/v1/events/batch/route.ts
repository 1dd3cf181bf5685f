import { nextRoute } from "@/server/api/rest/handler";
import { postEventsBatchRoute } from "@/server/api/rest/handlers/events";

export const POST = nextRoute(postEventsBatchRoute);
