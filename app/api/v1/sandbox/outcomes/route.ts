import { nextRoute } from "@/server/api/rest/handler";
import { sandboxOutcomeRoute } from "@/server/api/rest/handlers/sandbox";

export const POST = nextRoute(sandboxOutcomeRoute);
