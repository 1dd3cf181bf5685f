export * from "./core";
export * from "./journeys";
