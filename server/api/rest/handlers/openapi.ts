/** `GET /openapi.json`: public, built once per process. */
import { buildOpenApiDocument, type OpenApiDocument } from "../openapi";
import { API_ROUTES } from "../routes";

let document: OpenApiDocument | undefined;

export function openApiDocument(): OpenApiDocument {
  document ??= buildOpenApiDocument(API_ROUTES.map((r) => r.endpoint));
  return document;
}

export function getOpenApi(): Response {
  return Response.json(openApiDocument());
}
