/**
 * Liquid templates: every string of a send's content, update_profile values and webhook bodies.
 * One shared engine, configured so a template written in the canvas can only read the data it is
 * given: no file system (`include`, `render`, `layout` are removed), own properties only, and
 * limits on size, render time and memory. Unknown filters fail at parse time (so validation
 * reports them); unknown variables render as "" (a missing first name must not stop a send).
 */
import { Liquid, type Template } from "liquidjs";
import type { ConditionContext } from "./context";
import type { Channel, SendContent } from "./schema";

/** What a template reads: `{{ profile.first_name }}`, `{{ event.order_id }}`, `{{ journey.name }}`. */
export type TemplateScope = Pick<ConditionContext, "profile" | "event" | "journey">;

export type TemplateParseResult = { ok: true } | { ok: false; message: string };

const FILE_TAGS = ["include", "render", "layout"] as const;

function createEngine(escapeHtml: boolean): Liquid {
  const engine = new Liquid({
    strictFilters: true,
    strictVariables: false,
    ownPropertyOnly: true,
    // An in-memory, empty template map: file lookups cannot reach the disk even if a file tag
    // were registered again.
    templates: {},
    // Dates render in UTC on every server, not in the host's zone or locale.
    timezoneOffset: 0,
    locale: "en-US",
    parseLimit: 100_000,
    renderLimit: 1_000,
    memoryLimit: 10_000_000,
    ...(escapeHtml ? { outputEscape: "escape" as const } : {}),
  });
  for (const tag of FILE_TAGS) delete engine.tags[tag];
  return engine;
}

const textEngine = createEngine(false);
/** For HTML bodies: outputs are escaped, so `{{ profile.first_name }}` cannot inject markup. */
const htmlEngine = createEngine(true);

const CACHE_LIMIT = 500;
const cache = new Map<string, Template[]>();

/** Parse through a bounded LRU cache (templates repeat across every run of a journey). */
function parse(engine: Liquid, src: string): Template[] {
  const key = (engine === htmlEngine ? "h:" : "t:") + src;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const templates = engine.parse(src);
  cache.set(key, templates);
  if (cache.size > CACHE_LIMIT) {
    const oldest = cache.keys().next();
    if (!oldest.done) cache.delete(oldest.value);
  }
  return templates;
}

/** Whether `src` parses; the message names the problem and its line and column. */
export function parseTemplate(src: string): TemplateParseResult {
  try {
    parse(textEngine, src);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Render a template as plain text. Throws the engine's error when `src` does not parse or a
 * render limit is hit; validation rejects unparsable templates before a journey is published.
 */
export function renderTemplate(src: string, scope: TemplateScope): string {
  return String(textEngine.renderSync(parse(textEngine, src), scope));
}

function renderHtml(src: string, scope: TemplateScope): string {
  return String(htmlEngine.renderSync(parse(htmlEngine, src), scope));
}

/**
 * Render every string field of a send's content (and each WhatsApp template variable). An email's
 * `html` is rendered with HTML escaping of outputs; every other field is plain text.
 */
export function renderContent<C extends Channel>(channel: C, content: SendContent[C], scope: TemplateScope): SendContent[C] {
  const rendered = Object.entries(content).map(([field, value]) => {
    const render = channel === "email" && field === "html" ? renderHtml : renderTemplate;
    if (typeof value === "string") return [field, render(value, scope)];
    if (Array.isArray(value)) return [field, value.map((item) => (typeof item === "string" ? render(item, scope) : item))];
    return [field, value];
  });
  return Object.fromEntries(rendered) as SendContent[C];
}

/**
 * The data paths a template reads from its scope, in dotted form as conditions write them
 * (`profile.first_name`, `event.items.0.sku`); variables the template assigns itself and loop
 * variables are left out. Empty when the template does not parse.
 */
export function templateVariables(src: string): string[] {
  let templates: Template[];
  try {
    templates = parse(textEngine, src);
  } catch {
    return [];
  }
  const paths = new Set<string>();
  for (const segments of textEngine.globalVariableSegmentsSync(templates)) {
    const plain: (string | number)[] = [];
    // A computed key (`event.a[profile.k]`) ends the static path; its own variable is listed too.
    for (const segment of segments) {
      if (Array.isArray(segment)) break;
      plain.push(segment);
    }
    paths.add(plain.join("."));
  }
  return [...paths];
}
