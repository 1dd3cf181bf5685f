/**
 * Inbound reply classification.
 *
 * Keywords follow what carriers and Twilio do: the whole message must be the keyword, any
 * case. We also trim whitespace and surrounding punctuation ("Stop.", "¡STOP!"), which Twilio
 * does not document, and fold compatibility forms (full-width "ＳＴＯＰ") with NFKC.
 *
 * Anything else that reads like a request to stop ("STOP PLEASE", "please stop texting me",
 * "opt out") is `revocation_intent`: the FCC lets consent be revoked "by any reasonable
 * means", so these go to an admin for review instead of being ignored. The patterns lean
 * towards recall; a human clears the false positives ("I'll stop by at 3").
 */
export const INBOUND_KEYWORDS = {
  opt_out: ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"],
  opt_in: ["START", "YES", "UNSTOP"],
  help: ["HELP", "INFO"],
} as const satisfies Record<string, readonly string[]>;

export type KeywordKind = keyof typeof INBOUND_KEYWORDS;
export type InboundKind = KeywordKind | "revocation_intent" | "other";
export type InboundClassification = { kind: InboundKind; keyword?: string };

const KEYWORD_KIND = new Map<string, KeywordKind>(
  (Object.keys(INBOUND_KEYWORDS) as KeywordKind[]).flatMap((kind) =>
    INBOUND_KEYWORDS[kind].map((word) => [word, kind] as const),
  ),
);

const MESSAGING = String.raw`(?:${[
  "texts?",
  "texting",
  "messages?",
  "messaging",
  "msgs?",
  "sms",
  "alerts?",
  "notifications?",
  "emails?",
  "calls?",
  "calling",
  "subscriptions?",
].join("|")})`;

/** Phrases that signal a wish to stop, matched anywhere in a normalised, lower-case reply. */
const REVOCATION_PATTERNS: readonly RegExp[] = [
  /\bstop(?:all)?\b/,
  /\bunsub(?:scribe)?\b/,
  /\bopt(?:ing)?[\s-]*out\b/,
  /\brevoke\b/,
  /\bremove me\b/,
  /\btake me off\b/,
  /\bleave me alone\b/,
  new RegExp(String.raw`\b(?:don'?t|do not|never)\s+(?:\w+\s+)?(?:text|message|msg|sms|contact|call|email)\b`),
  new RegExp(String.raw`\bno more\s+${MESSAGING}\b`),
  new RegExp(String.raw`\b(?:cancel|end|quit)\b(?:\s+\w+){0,3}?\s+${MESSAGING}\b`),
];

const EDGE_NOISE = /^[\p{P}\p{Z}\p{Cc}\p{Cf}\s]+|[\p{P}\p{Z}\p{Cc}\p{Cf}\s]+$/gu;

export function classifyInbound(text: string): InboundClassification {
  const stripped = text.normalize("NFKC").replace(EDGE_NOISE, "");
  const keyword = stripped.toUpperCase();
  const kind = KEYWORD_KIND.get(keyword);
  if (kind) return { kind, keyword };

  const prose = stripped.toLowerCase().replace(/[’‘`]/g, "'").replace(/\s+/g, " ");
  if (REVOCATION_PATTERNS.some((pattern) => pattern.test(prose))) return { kind: "revocation_intent" };
  return { kind: "other" };
}
