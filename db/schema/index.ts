export * from "./core";
export * from "./journeys";
export * from "./sandbox";
