/** Anything else under /api/v1: a JSON 404 in the API's error shape, not an HTML page. */
import { errorResponse } from "@/server/api/rest/api-error";

function notFound(req: Request): Response {
  return errorResponse(404, "NOT_FOUND", `No endpoint ${req.method} ${new URL(req.url).pathname}; see /api/v1/openapi.json.`);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
