import { nextRoute } from "@/server/api/rest/handler";
import { listMessagesRoute } from "@/server/api/rest/handlers/runs";

export const GET = nextRoute(listMessagesRoute);
