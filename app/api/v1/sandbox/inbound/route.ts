import { nextRoute } from "@/server/api/rest/handler";
import { sandboxInboundRoute } from "@/server/api/rest/handlers/sandbox";

export const POST = nextRoute(sandboxInboundRoute);
