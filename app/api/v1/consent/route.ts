import { nextRoute } from "@/server/api/rest/handler";
import { postConsentRoute } from "@/server/api/rest/handlers/consent";

export const POST = nextRoute(postConsentRoute);
