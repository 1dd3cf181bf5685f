import type { NodeOf, NodeType } from "@/server/journey/schema";

/** What every node form gets: the config to show and where to send the edited one. */
export type FormProps<T extends NodeType> = {
  nodeId: string;
  config: NodeOf<T>["config"];
  onChange: (config: NodeOf<T>["config"]) => void;
};
