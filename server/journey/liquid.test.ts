import { describe, expect, it } from "vitest";
import { parseTemplate, renderContent, renderTemplate, templateVariables, type TemplateScope } from "./liquid";

const scope: TemplateScope = {
  profile: { id: "u1", first_name: "Ada", phone: "+447700900123", tags: ["a", "b"] },
  event: { order_id: "A-17", total: 12.5, items: [{ sku: "X1" }], shipped_at: "2025-06-11T23:30:00Z" },
  journey: { key: "orders", name: "Orders" },
};

describe("parseTemplate", () => {
  it.each([
    ["plain text", "Hello"],
    ["output", "Hi {{ profile.first_name }}"],
    ["default filter", "Hi {{ profile.first_name | default: 'there' }}"],
    ["if", "{% if event.total > 10 %}big{% endif %}"],
    ["for", "{% for i in event.items %}{{ i.sku }}{% endfor %}"],
  ])("accepts %s", (_, src) => {
    expect(parseTemplate(src)).toEqual({ ok: true });
  });

  it.each([
    ["an unclosed output", "Hi {{ profile.first_name", /not closed/],
    ["an unknown filter", "{{ profile.first_name | shout }}", /undefined filter: shout/],
    ["an unclosed tag", "{% if event.total > 10 %}big", /not closed/],
    ["include (no file access)", "{% include 'secrets' %}", /tag "include" not found/],
    ["render (no file access)", "{% render 'secrets' %}", /tag "render" not found/],
    ["layout (no file access)", "{% layout 'base' %}", /tag "layout" not found/],
  ])("rejects %s", (_, src, message) => {
    const result = parseTemplate(src);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe("renderTemplate", () => {
  it.each([
    ["Hi {{ profile.first_name }}, order {{ event.order_id }}", "Hi Ada, order A-17"],
    ["Hi {{ profile.nickname | default: 'there' }}", "Hi there"],
    ["[{{ profile.missing }}][{{ nothing.at.all }}]", "[][]"],
    ["{{ event.items[0].sku }} {{ event.total | times: 2 }}", "X1 25"],
    ["{{ journey.name }}", "Orders"],
    ["{{ event.constructor }}{{ profile.__proto__ }}", ""],
    ["{{ event.shipped_at | date: '%Y-%m-%d %H:%M' }}", "2025-06-11 23:30"],
    ["<b>{{ profile.first_name }}</b>", "<b>Ada</b>"],
  ])("%s → %s", (src, expected) => {
    expect(renderTemplate(src, scope)).toBe(expected);
  });

  it("throws on a template that does not parse", () => {
    expect(() => renderTemplate("{{ oops", scope)).toThrow();
  });

  it.each([
    ["a huge range", "{% for i in (1..100000000) %}x{% endfor %}"],
    ["a long nested loop", "{% for i in (1..9000) %}{% for j in (1..9000) %}{% endfor %}{% endfor %}"],
  ])("stops %s instead of hanging", (_, src) => {
    expect(() => renderTemplate(src, scope)).toThrow(/limit/);
  });

  it("gives the same result from the cache", () => {
    const src = "Order {{ event.order_id }}";
    expect(renderTemplate(src, scope)).toBe(renderTemplate(src, scope));
    expect(renderTemplate(src, { ...scope, event: { order_id: "B-2" } })).toBe("Order B-2");
  });
});

describe("renderContent", () => {
  it("renders every string field of an SMS", () => {
    expect(renderContent("sms", { body: "Hi {{ profile.first_name }}" }, scope)).toEqual({ body: "Hi Ada" });
  });

  it("escapes outputs in email html only", () => {
    const evil: TemplateScope = { ...scope, profile: { id: "u1", first_name: "<script>x</script>" } };
    const rendered = renderContent(
      "email",
      { subject: "Hi {{ profile.first_name }}", text: "{{ profile.first_name }}", html: "<p>{{ profile.first_name }}</p>" },
      evil,
    );
    expect(rendered).toEqual({
      subject: "Hi <script>x</script>",
      text: "<script>x</script>",
      html: "<p>&lt;script&gt;x&lt;/script&gt;</p>",
    });
  });

  it("renders WhatsApp template variables", () => {
    expect(
      renderContent(
        "whatsapp",
        { template: "order_update", language: "en", variables: ["{{ profile.first_name }}", "{{ event.order_id }}"] },
        scope,
      ),
    ).toEqual({ template: "order_update", language: "en", variables: ["Ada", "A-17"] });
  });

  it("keeps optional fields that are absent absent", () => {
    expect(renderContent("push", { title: "T", body: "{{ event.order_id }}" }, scope)).toEqual({ title: "T", body: "A-17" });
  });
});

describe("templateVariables", () => {
  it.each<[string, string[]]>([
    ["Hi {{ profile.first_name }}, order {{ event.order_id }}", ["profile.first_name", "event.order_id"]],
    ["{{ profile.first_name | default: 'there' }} {{ profile.first_name }}", ["profile.first_name"]],
    [
      "{% assign n = profile.first_name | upcase %}{{ n }}{% for i in event.items %}{{ i.sku }}{{ forloop.index }}{% endfor %}",
      ["profile.first_name", "event.items"],
    ],
    ["{{ event.items[0].sku }}", ["event.items.0.sku"]],
    ["{% if event.total > 10 %}{{ journey.name }}{% endif %}", ["event.total", "journey.name"]],
    ["No variables", []],
    ["{{ broken", []],
  ])("%s", (src, expected) => {
    expect([...templateVariables(src)].sort()).toEqual([...expected].sort());
  });
});
