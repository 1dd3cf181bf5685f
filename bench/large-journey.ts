/**
 * A big, valid journey for the canvas benchmark: one trigger, then a mix of sends (with
 * fallback edges), waits, branches and profile updates chained column by column on a grid,
 * ending in an exit. Every node is filled in, so the editor shows no error badges.
 */
import { JOURNEY_FORMAT, JourneySchema, type Journey, type JourneyEdge, type JourneyNode } from "@/server/journey/schema";

const COLUMN_WIDTH = 300;
const ROW_HEIGHT = 190;

type Step = Omit<JourneyNode, "id" | "position">;

/** The repeating middle of the journey: each entry is one node, with the outputs it continues on. */
const PATTERN: { step: (n: number) => Step; outputs: string[] }[] = [
  {
    step: (n) => ({ type: "send", label: `WhatsApp ${n}`, config: { channel: "whatsapp", content: { body: `Update ${n} for {{ profile.first_name | default: 'you' }}.` }, await: { outcome: "delivered", within: { minutes: 5 } } } }),
    outputs: ["next", "fallback"],
  },
  { step: (n) => ({ type: "send", label: `SMS ${n}`, config: { channel: "sms", content: { body: `ACME: update ${n}. Reply STOP to opt out.` } } }), outputs: ["next"] },
  { step: () => ({ type: "wait", config: { mode: "duration", duration: { hours: 2 } } }), outputs: ["next"] },
  {
    step: (n) => ({ type: "branch", label: `VIP? ${n}`, config: { cases: [{ name: "vip", where: { field: "profile.tier", op: "eq", value: "vip" } }] } }),
    outputs: ["vip", "else"],
  },
  { step: (n) => ({ type: "send", label: `Email ${n}`, config: { channel: "email", content: { subject: `Update ${n}`, text: `Hello {{ profile.first_name }}, here is update ${n}.` } } }), outputs: ["next"] },
  { step: (n) => ({ type: "update_profile", config: { set: { last_update: n } } }), outputs: ["next"] },
];

export function largeJourney(nodeCount: number, rowsPerColumn = 25): Journey {
  if (nodeCount < 3) throw new Error("a large journey has at least a trigger, one step and an exit");
  const at = (i: number) => ({ x: Math.floor(i / rowsPerColumn) * COLUMN_WIDTH, y: (i % rowsPerColumn) * ROW_HEIGHT });
  const nodes: JourneyNode[] = [{ id: "start", type: "trigger", position: at(0), config: { kind: "event", event: "order_placed" } } as JourneyNode];
  const outputsOf: string[][] = [["next"]];
  for (let i = 1; i < nodeCount - 1; i++) {
    const kind = PATTERN[(i - 1) % PATTERN.length]!;
    nodes.push({ id: `n${i}`, position: at(i), ...kind.step(i) } as JourneyNode);
    outputsOf.push(kind.outputs);
  }
  nodes.push({ id: "done", type: "exit", position: at(nodeCount - 1), config: {} } as JourneyNode);

  const edges: JourneyEdge[] = [];
  for (let i = 0; i < nodeCount - 1; i++) {
    for (const handle of outputsOf[i]!) edges.push({ id: `e${edges.length + 1}`, source: nodes[i]!.id, sourceHandle: handle, target: nodes[i + 1]!.id });
  }
  return JourneySchema.parse({
    format: JOURNEY_FORMAT,
    key: `bench-${nodeCount}-nodes`,
    name: `Benchmark: ${nodeCount} steps`,
    purpose: "transactional",
    nodes,
    edges,
  });
}
