import { nextRoute } from "@/server/api/rest/handler";
import { postEventRoute } from "@/server/api/rest/handlers/events";

export const POST = nextRoute(postEventRoute);
