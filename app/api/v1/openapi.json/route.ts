import { getOpenApi } from "@/server/api/rest/handlers/openapi";

export const GET = getOpenApi;
