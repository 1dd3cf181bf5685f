import { readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { JourneyInput } from "./schema";
import { type Issue, IssueSchema, validateJourney } from "./validate";

const examplesDir = new URL("./__fixtures__/examples/", import.meta.url);
const examples = readdirSync(examplesDir)
  .filter((f) => f.endsWith(".json"))
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, examplesDir), "utf8")) as unknown] as const);

type Doc = JourneyInput;
type NodeInput = Doc["nodes"][number];
const at = { x: 0, y: 0 };

/** trigger → sms → end; each case below breaks one rule. */
function baseDoc(): Doc {
  return {
    format: "switchboard.journey/v1",
    key: "test-journey",
    name: "Test",
    purpose: "transactional",
    nodes: [
      { id: "start", type: "trigger", position: at, config: { kind: "event", event: "signed_up" } },
      { id: "sms", type: "send", position: at, config: { channel: "sms", content: { body: "Hi {{ profile.first_name }}" } } },
      { id: "end", type: "exit", position: at, config: {} },
    ],
    edges: [
      { id: "e1", source: "start", sourceHandle: "next", target: "sms" },
      { id: "e2", source: "sms", sourceHandle: "next", target: "end" },
    ],
  };
}

function doc(change: (d: Doc) => void): Doc {
  const d = baseDoc();
  change(d);
  return d;
}

/** Put `node` between sms and end: sms → node → end. */
function insertAfterSms(d: Doc, node: NodeInput, handle = "next"): void {
  d.nodes.splice(2, 0, node);
  d.edges = [
    { id: "e1", source: "start", sourceHandle: "next", target: "sms" },
    { id: "e2", source: "sms", sourceHandle: "next", target: node.id },
    { id: "e3", source: node.id, sourceHandle: handle, target: "end" },
  ];
}

function sms(d: Doc): Extract<NodeInput, { type: "send" }> {
  const node = d.nodes[1];
  if (node?.type !== "send") throw new Error("base doc changed");
  return node;
}

type Expected = { code: string; nodeId?: string; edgeId?: string; message?: RegExp };

function expectIssue(issues: Issue[], expected: Expected): void {
  const found = issues.find(
    (i) =>
      i.code === expected.code &&
      (expected.nodeId === undefined || i.nodeId === expected.nodeId) &&
      (expected.edgeId === undefined || i.edgeId === expected.edgeId),
  );
  expect(found, `${expected.code} in ${JSON.stringify(issues, null, 1)}`).toBeDefined();
  if (expected.message) expect(found?.message).toMatch(expected.message);
  expect(IssueSchema.parse(found)).toEqual(found);
}

describe("validateJourney: the examples", () => {
  it("has the five examples", () => {
    expect(examples).toHaveLength(5);
  });

  it.each(examples)("%s validates with no errors and no warnings", (_, example) => {
    const result = validateJourney(example);
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.journey?.key).toBe((example as { key: string }).key);
  });

  it("accepts the base document used below", () => {
    expect(validateJourney(baseDoc())).toMatchObject({ ok: true, errors: [], warnings: [] });
  });
});

describe("validateJourney: schema errors", () => {
  it.each<[string, unknown, Expected & { only?: boolean }]>([
    ["not an object", "hello", { code: "schema", message: /JSON object/ }],
    ["another format", { ...baseDoc(), format: "braze/v2" }, { code: "unsupported_format", message: /braze\/v2/, only: true }],
    [
      "a zero duration",
      doc((d) => insertAfterSms(d, { id: "pause", type: "wait", position: at, config: { mode: "duration", duration: { minutes: 0 } } })),
      { code: "schema", nodeId: "pause", message: /Node “pause” \(config\.duration\): A duration must be longer than zero/ },
    ],
    [
      "an unknown node type",
      doc((d) => d.nodes.push({ id: "odd", type: "teleport", position: at, config: {} } as unknown as NodeInput)),
      { code: "schema", nodeId: "odd", message: /Node “odd” \(type\)/ },
    ],
    [
      "a WhatsApp template without a language",
      doc((d) => {
        sms(d).config = { channel: "whatsapp", content: { template: "order_update" } } as never;
      }),
      { code: "schema", nodeId: "sms", message: /content\.language/ },
    ],
    [
      "an edge without a target",
      doc((d) => d.edges.push({ id: "e9", source: "sms", sourceHandle: "fallback" } as never)),
      { code: "schema", edgeId: "e9", message: /Edge “e9” \(target\)/ },
    ],
    ["a bad key", { ...baseDoc(), key: "Not A Slug" }, { code: "schema", message: /^key: / }],
    [
      "a misspelt time zone",
      doc((d) =>
        insertAfterSms(d, {
          id: "morning",
          type: "wait",
          position: at,
          config: { mode: "until_time", at: "10:00", timezone: "Europe/Pariss" },
        }),
      ),
      { code: "schema", nodeId: "morning", message: /\(config\.timezone\): Use "recipient" or an IANA time zone/ },
    ],
    ["an unknown top-level field", { ...baseDoc(), colour: "red" }, { code: "schema", message: /^Journey: unknown field “colour”/ }],
  ])("%s", (_, input, expected) => {
    const result = validateJourney(input);
    expect(result.ok).toBe(false);
    expect(result.journey).toBeUndefined();
    expectIssue(result.errors, expected);
    if (expected.only) expect(result.errors).toHaveLength(1);
  });
});

describe("validateJourney: rule errors", () => {
  it.each<[string, Doc, Expected]>([
    [
      "no trigger",
      doc((d) => {
        d.nodes.shift();
        d.edges.shift();
      }),
      { code: "trigger_missing" },
    ],
    [
      "two triggers",
      doc((d) => {
        d.nodes.push({ id: "start2", type: "trigger", position: at, config: { kind: "api" } });
        d.edges.push({ id: "e3", source: "start2", sourceHandle: "next", target: "sms" });
      }),
      { code: "trigger_multiple", nodeId: "start2" },
    ],
    [
      "an unreachable node",
      doc((d) => d.nodes.push({ id: "orphan", type: "exit", position: at, config: {} })),
      { code: "node_unreachable", nodeId: "orphan", message: /“orphan” cannot be reached/ },
    ],
    [
      "an edge into the trigger",
      doc((d) => d.edges.push({ id: "back", source: "sms", sourceHandle: "fallback", target: "start" })),
      { code: "edge_into_trigger", edgeId: "back", nodeId: "start" },
    ],
    [
      "an unknown handle",
      doc((d) => d.edges.push({ id: "e3", source: "sms", sourceHandle: "timeout", target: "end" })),
      {
        code: "edge_unknown_handle",
        nodeId: "sms",
        edgeId: "e3",
        message: /Node “sms”: output “timeout” is not an output of a send \(it has “next”, “fallback”\)/,
      },
    ],
    [
      "an unknown source",
      doc((d) => d.edges.push({ id: "e3", source: "ghost", sourceHandle: "next", target: "end" })),
      { code: "edge_unknown_source", edgeId: "e3", message: /“ghost”/ },
    ],
    [
      "an unknown target",
      doc((d) => d.edges.push({ id: "e3", source: "sms", sourceHandle: "fallback", target: "ghost" })),
      { code: "edge_unknown_target", edgeId: "e3" },
    ],
    [
      "a loop without a wait",
      doc((d) => {
        d.nodes.push({
          id: "check",
          type: "branch",
          position: at,
          config: { cases: [{ name: "again", where: { field: "profile.tier", op: "eq", value: "gold" } }] },
        });
        d.edges = [
          { id: "e1", source: "start", sourceHandle: "next", target: "check" },
          { id: "e2", source: "check", sourceHandle: "again", target: "sms" },
          { id: "e3", source: "check", sourceHandle: "else", target: "end" },
          { id: "e4", source: "sms", sourceHandle: "next", target: "check" },
        ];
      }),
      { code: "cycle_without_wait", nodeId: "sms", message: /Nodes “sms”, “check” form a loop/ },
    ],
    [
      "a node that leads to itself",
      doc((d) => d.edges.push({ id: "e3", source: "sms", sourceHandle: "fallback", target: "sms" })),
      { code: "cycle_without_wait", nodeId: "sms", message: /leads back to itself/ },
    ],
    [
      "a loop that skips the wait in its bigger loop",
      doc((d) => {
        // sms ⇄ pause is fine, but sms ⇄ check has no wait.
        d.nodes.push(
          { id: "pause", type: "wait", position: at, config: { mode: "duration", duration: { days: 1 } } },
          {
            id: "check",
            type: "branch",
            position: at,
            config: { cases: [{ name: "again", where: { field: "profile.tier", op: "exists" } }] },
          },
        );
        d.edges = [
          { id: "e1", source: "start", sourceHandle: "next", target: "sms" },
          { id: "e2", source: "sms", sourceHandle: "next", target: "pause" },
          { id: "e3", source: "pause", sourceHandle: "next", target: "sms" },
          { id: "e4", source: "sms", sourceHandle: "fallback", target: "check" },
          { id: "e5", source: "check", sourceHandle: "again", target: "sms" },
          { id: "e6", source: "check", sourceHandle: "else", target: "end" },
        ];
      }),
      { code: "cycle_without_wait", nodeId: "sms" },
    ],
    [
      "duplicate node ids",
      doc((d) => {
        d.nodes.push({ id: "end", type: "exit", position: at, config: {} });
      }),
      { code: "duplicate_node_id", nodeId: "end", message: /“end”/ },
    ],
    [
      "duplicate edge ids",
      doc((d) => d.edges.push({ id: "e2", source: "sms", sourceHandle: "fallback", target: "end" })),
      { code: "duplicate_edge_id", edgeId: "e2" },
    ],
    [
      "duplicate case names",
      doc((d) =>
        insertAfterSms(
          d,
          {
            id: "tier",
            type: "branch",
            position: at,
            config: {
              cases: [
                { name: "vip", where: { field: "profile.tier", op: "eq", value: "gold" } },
                { name: "vip", where: { field: "profile.tier", op: "eq", value: "silver" } },
              ],
            },
          },
          "else",
        ),
      ),
      { code: "duplicate_case_name", nodeId: "tier", message: /two cases are named “vip”/ },
    ],
    [
      "a case named else",
      doc((d) =>
        insertAfterSms(
          d,
          {
            id: "tier",
            type: "branch",
            position: at,
            config: { cases: [{ name: "else", where: { field: "profile.tier", op: "exists" } }] },
          },
          "else",
        ),
      ),
      { code: "reserved_case_name", nodeId: "tier" },
    ],
    [
      "duplicate variant names",
      doc((d) =>
        insertAfterSms(
          d,
          {
            id: "ab",
            type: "split",
            position: at,
            config: { variants: [{ name: "a", percent: 50 }, { name: "a", percent: 50 }] },
          },
          "a",
        ),
      ),
      { code: "duplicate_case_name", nodeId: "ab", message: /two variants are named “a”/ },
    ],
    [
      "split percents that do not add up",
      doc((d) =>
        insertAfterSms(
          d,
          {
            id: "ab",
            type: "split",
            position: at,
            config: { variants: [{ name: "a", percent: 50 }, { name: "b", percent: 40 }] },
          },
          "a",
        ),
      ),
      { code: "split_percent_sum", nodeId: "ab", message: /90%/ },
    ],
    [
      "an outcome the channel cannot report",
      doc((d) => {
        sms(d).config = { channel: "sms", content: { body: "Hi" }, await: { outcome: "read", within: { hours: 1 } } };
        d.edges.push({ id: "e3", source: "sms", sourceHandle: "fallback", target: "end" });
      }),
      { code: "await_outcome_unsupported", nodeId: "sms", message: /SMS cannot report “read”/ },
    ],
    [
      "a blank SMS body",
      doc((d) => {
        sms(d).config = { channel: "sms", content: { body: "  \n " } };
      }),
      { code: "content_empty", nodeId: "sms", message: /the body is empty/ },
    ],
    [
      "an email without a subject",
      doc((d) => {
        sms(d).config = { channel: "email", content: { subject: "", text: "Hello" } };
      }),
      { code: "content_empty", nodeId: "sms", message: /the subject is empty/ },
    ],
    [
      "a WhatsApp template without a name",
      doc((d) => {
        sms(d).config = { channel: "whatsapp", content: { template: " ", language: "en", variables: [] } };
      }),
      { code: "content_empty", nodeId: "sms", message: /the template name is empty/ },
    ],
    [
      "a push without a body",
      doc((d) => {
        sms(d).config = { channel: "push", content: { title: "Hi", body: "" } };
      }),
      { code: "content_empty", nodeId: "sms" },
    ],
    [
      "a template that does not parse",
      doc((d) => {
        sms(d).config = { channel: "sms", content: { body: "Hi {{ profile.first_name" } };
      }),
      { code: "template_invalid", nodeId: "sms", message: /the body template does not parse/ },
    ],
    [
      "an unknown filter",
      doc((d) => {
        sms(d).config = { channel: "email", content: { subject: "{{ event.x | shout }}", text: "Hi" } };
      }),
      { code: "template_invalid", nodeId: "sms", message: /subject template .*undefined filter: shout/ },
    ],
    [
      "a broken webhook body",
      doc((d) =>
        insertAfterSms(d, {
          id: "hook",
          type: "webhook",
          position: at,
          config: { url: "https://example.com", method: "POST", body: "{% if %}" },
        }),
      ),
      { code: "template_invalid", nodeId: "hook", message: /body template/ },
    ],
    [
      "a broken profile value",
      doc((d) =>
        insertAfterSms(d, { id: "tag", type: "update_profile", position: at, config: { set: { tier: "{{ event.tier" } } }),
      ),
      { code: "template_invalid", nodeId: "tag", message: /“tier” value template/ },
    ],
    [
      "an exit with an outgoing edge",
      doc((d) => {
        d.nodes.push({ id: "after", type: "exit", position: at, config: {} });
        d.edges.push({ id: "e3", source: "end", sourceHandle: "next", target: "after" });
      }),
      { code: "exit_has_edges", nodeId: "end", edgeId: "e3" },
    ],
  ])("%s", (_, input, expected) => {
    const result = validateJourney(input);
    expect(result.ok).toBe(false);
    expect(result.journey).toBeDefined();
    expectIssue(result.errors, expected);
  });

  it("allows a loop through a wait", () => {
    const result = validateJourney(
      doc((d) => {
        d.nodes.push({ id: "pause", type: "wait", position: at, config: { mode: "duration", duration: { days: 1 } } });
        d.edges.push(
          { id: "e3", source: "sms", sourceHandle: "fallback", target: "pause" },
          { id: "e4", source: "pause", sourceHandle: "next", target: "sms" },
        );
      }),
    );
    expect(result.errors).toEqual([]);
  });

  it("reports no trigger once, without calling every node unreachable", () => {
    const result = validateJourney(
      doc((d) => {
        d.nodes.shift();
        d.edges.shift();
      }),
    );
    expect(result.errors.map((e) => e.code)).toEqual(["trigger_missing"]);
  });
});

describe("validateJourney: warnings", () => {
  const marketing = (body: string, change?: (d: Doc) => void) =>
    doc((d) => {
      d.purpose = "marketing";
      sms(d).config = { channel: "sms", content: { body } };
      change?.(d);
    });

  it.each<[string, Doc, Expected]>([
    [
      "an SMS over 3 segments",
      doc((d) => {
        sms(d).config = { channel: "sms", content: { body: "Long text. ".repeat(50) } };
      }),
      { code: "sms_segments", nodeId: "sms", message: /about 4 segments \(GSM-7, 550 characters\)/ },
    ],
    [
      "one curly apostrophe",
      doc((d) => {
        sms(d).config = { channel: "sms", content: { body: "Your order’s on its way, {{ profile.first_name }}!" } };
      }),
      { code: "sms_unicode", nodeId: "sms", message: /“’” switches this SMS to UCS-2.*Replace ’ with '/ },
    ],
    [
      "an emoji that costs a segment",
      doc((d) => {
        sms(d).config = { channel: "sms", content: { body: `${"Great news about your order. ".repeat(3)}🎉` } };
      }),
      { code: "sms_unicode", nodeId: "sms", message: /“🎉”.*\(2 segments instead of 1\)/ },
    ],
    [
      "a marketing SMS with no opt-out",
      marketing("ACME: 20% off this week only!"),
      { code: "sms_opt_out_missing", nodeId: "sms", message: /Reply STOP/ },
    ],
    [
      "a send marked marketing in a transactional journey",
      doc((d) => {
        sms(d).config = { channel: "sms", purpose: "marketing", content: { body: "New arrivals!" } };
      }),
      { code: "sms_opt_out_missing", nodeId: "sms" },
    ],
    [
      "a marketing send marked urgent",
      doc((d) => {
        sms(d).config = { channel: "sms", purpose: "marketing", urgent: true, content: { body: "Sale! Reply STOP to opt out" } };
      }),
      { code: "marketing_urgent", nodeId: "sms" },
    ],
    [
      "an await without a fallback edge",
      doc((d) => {
        sms(d).config = { channel: "sms", content: { body: "Reply C" }, await: { outcome: "replied", within: { hours: 4 } } };
      }),
      { code: "await_fallback_unconnected", nodeId: "sms", message: /fallback has no edge/ },
    ],
    [
      "two edges from one output",
      doc((d) => {
        d.nodes.push({ id: "end2", type: "exit", position: at, config: {} });
        d.edges.push({ id: "e3", source: "sms", sourceHandle: "next", target: "end2" });
      }),
      { code: "handle_multiple_edges", nodeId: "sms", edgeId: "e3", message: /“e2”, “e3”.*only the first/ },
    ],
  ])("%s", (_, input, expected) => {
    const result = validateJourney(input);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expectIssue(result.warnings, expected);
  });

  it.each<[string, Doc]>([
    ["Reply STOP", marketing("ACME: 20% off. Reply STOP to opt out")],
    ["lowercase stop", marketing("ACME: 20% off. Text stop to end")],
    ["French STOP au", marketing("ACME : -20 % cette semaine. STOP au 36180")],
    ["opt-out", marketing("ACME: 20% off. Opt-out: acme.com/o")],
    ["unsubscribe", marketing("ACME: 20% off. Unsubscribe at acme.com/u")],
    ["a transactional send in a marketing journey", marketing("Your code is 1234", (d) => {
      sms(d).config.purpose = "transactional";
    })],
    ["a Cyrillic message", doc((d) => {
      sms(d).config = { channel: "sms", content: { body: "Ваш заказ {{ event.order_id }} отправлен" } };
    })],
    ["a Chinese message", doc((d) => {
      sms(d).config = { channel: "sms", content: { body: "你好 {{ profile.first_name }}" } };
    })],
    ["3 segments", doc((d) => {
      sms(d).config = { channel: "sms", content: { body: "x".repeat(459) } };
    })],
  ])("no warning for %s", (_, input) => {
    expect(validateJourney(input)).toMatchObject({ ok: true, errors: [], warnings: [] });
  });
});
