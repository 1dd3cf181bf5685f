import { describe, expect, it } from "vitest";
import { INBOUND_KEYWORDS, classifyInbound, type InboundKind } from "./keywords";

describe("classifyInbound: exact keywords", () => {
  const all = (Object.keys(INBOUND_KEYWORDS) as (keyof typeof INBOUND_KEYWORDS)[]).flatMap((kind) =>
    INBOUND_KEYWORDS[kind].map((keyword) => [keyword, kind] as const),
  );

  it.each(all)("%s is %s in any case", (keyword, kind) => {
    for (const text of [keyword, keyword.toLowerCase(), keyword.charAt(0) + keyword.slice(1).toLowerCase()]) {
      expect(classifyInbound(text)).toEqual({ kind, keyword });
    }
  });

  it("covers the keyword lists the carriers apply", () => {
    expect(new Set(INBOUND_KEYWORDS.opt_out)).toEqual(
      new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "OPTOUT", "REVOKE"]),
    );
    expect(new Set(INBOUND_KEYWORDS.opt_in)).toEqual(new Set(["START", "YES", "UNSTOP"]));
    expect(new Set(INBOUND_KEYWORDS.help)).toEqual(new Set(["HELP", "INFO"]));
  });
});

describe("classifyInbound: table", () => {
  const cases: [text: string, kind: InboundKind, keyword?: string][] = [
    // whitespace and surrounding punctuation are stripped
    ["  STOP  ", "opt_out", "STOP"],
    ["stop.", "opt_out", "STOP"],
    ["Stop!", "opt_out", "STOP"],
    ["STOP!!!", "opt_out", "STOP"],
    ['"stop"', "opt_out", "STOP"],
    ["¡Stop!", "opt_out", "STOP"],
    ["(stop)", "opt_out", "STOP"],
    ["\nStop\r\n", "opt_out", "STOP"],
    ["\tunsubscribe\t", "opt_out", "UNSUBSCRIBE"],
    ["sToP", "opt_out", "STOP"],
    ["Stopall", "opt_out", "STOPALL"],
    ["OptOut", "opt_out", "OPTOUT"],
    ["cancel.", "opt_out", "CANCEL"],
    ["End", "opt_out", "END"],
    ["quit", "opt_out", "QUIT"],
    ["revoke", "opt_out", "REVOKE"],
    ["\u00a0STOP\u200b", "opt_out", "STOP"],
    ["ＳＴＯＰ", "opt_out", "STOP"],
    ["start", "opt_in", "START"],
    ["Yes!", "opt_in", "YES"],
    ["yes.", "opt_in", "YES"],
    ["UNSTOP", "opt_in", "UNSTOP"],
    ["help?", "help", "HELP"],
    ["Info", "help", "INFO"],
    ["...HELP...", "help", "HELP"],
    // requests to stop that are not the whole-message keyword: for review
    ["STOP PLEASE", "revocation_intent"],
    ["PLEASE CANCEL these texts", "revocation_intent"],
    ["please stop texting me", "revocation_intent"],
    ["Stop sending me messages", "revocation_intent"],
    ["opt out", "revocation_intent"],
    ["Opt-out", "revocation_intent"],
    ["I want to opt out", "revocation_intent"],
    ["unsubscribe me", "revocation_intent"],
    ["Unsubscribe me please!", "revocation_intent"],
    ["unsub", "revocation_intent"],
    ["stop all", "revocation_intent"],
    ["STOP 🛑", "revocation_intent"],
    ["remove me from this list", "revocation_intent"],
    ["Take me off your list", "revocation_intent"],
    ["don't text me again", "revocation_intent"],
    ["Don’t message me", "revocation_intent"],
    ["do not contact me", "revocation_intent"],
    ["please don't ever text me", "revocation_intent"],
    ["never email me again", "revocation_intent"],
    ["no more texts", "revocation_intent"],
    ["No more messages please", "revocation_intent"],
    ["leave me alone", "revocation_intent"],
    ["cancel my subscription", "revocation_intent"],
    ["I want to end these alerts", "revocation_intent"],
    ["quit texting me", "revocation_intent"],
    ["I revoke my consent", "revocation_intent"],
    ["stop, wrong number", "revocation_intent"],
    // ordinary replies
    ["", "other"],
    ["   ", "other"],
    ["?!", "other"],
    ["hello", "other"],
    ["Thanks!", "other"],
    ["What time is my appointment?", "other"],
    ["cancel my appointment", "other"],
    ["When does the sale end?", "other"],
    ["I stopped by yesterday", "other"],
    ["nonstop deals", "other"],
    ["STOPS", "other"],
    ["S T O P", "other"],
    ["yes please", "other"],
    ["start over", "other"],
    ["help me with my order", "other"],
    ["Yesterday", "other"],
    ["information", "other"],
    ["ending soon?", "other"],
  ];

  it.each(cases)("%j → %s", (text, kind, keyword) => {
    const result = classifyInbound(text);
    expect(result.kind).toBe(kind);
    expect(result.keyword).toBe(keyword);
  });
});
