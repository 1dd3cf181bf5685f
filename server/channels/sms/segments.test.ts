import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyzeSms, smartEncode, smartReplacement } from "./segments";

type SegmentVector = {
  text: string;
  encoding: "GSM-7" | "UCS-2";
  segments: number;
  source: string;
  description?: string;
  /** Twilio: septets for GSM-7 (graphemes for UCS-2); instasent: length. */
  characters?: number;
  /** phlib: septets for GSM-7, UTF-16 code units for UCS-2. */
  size_units?: number;
  /** split-sms: septets. */
  total_septets?: number;
  utf16_code_units: number;
};

const vectors = JSON.parse(
  readFileSync(new URL("./__fixtures__/sms-segments.json", import.meta.url), "utf8"),
) as SegmentVector[];

function label(v: SegmentVector, i: number): string {
  return `#${i} ${v.description ?? v.text.slice(0, 40)} (${v.source.split("/")[0]})`;
}

describe("analyzeSms against the shared vectors", () => {
  it("has all 118 vectors", () => {
    expect(vectors).toHaveLength(118);
  });

  it.each(vectors.map((v, i) => [label(v, i), v] as const))("%s", (_, v) => {
    const result = analyzeSms(v.text);
    expect({ encoding: result.encoding, segments: result.segments }).toEqual({
      encoding: v.encoding,
      segments: v.segments,
    });
    if (v.encoding === "UCS-2") {
      expect(result.units).toBe(v.utf16_code_units);
      expect(result.nonGsmChars.length).toBeGreaterThan(0);
    } else {
      const septets = v.total_septets ?? v.size_units ?? v.characters;
      if (septets !== undefined) expect(result.units).toBe(septets);
      expect(result.nonGsmChars).toEqual([]);
    }
    if (v.size_units !== undefined) expect(result.units).toBe(v.size_units);
  });
});

describe("analyzeSms", () => {
  it.each([
    ["", "GSM-7", 0, 0],
    ["Hello", "GSM-7", 1, 5],
    ["€", "GSM-7", 1, 2],
    ["{{ event.code }}", "GSM-7", 1, 20],
    ["a".repeat(160), "GSM-7", 1, 160],
    ["a".repeat(161), "GSM-7", 2, 161],
    // 152 septets then an extension character: ESC+code cannot straddle, so 3 parts for 153·2+2.
    ["a".repeat(152) + "€" + "a".repeat(152), "GSM-7", 3, 306],
    ["é", "GSM-7", 1, 1],
    ["ê", "UCS-2", 1, 1],
    ["😎".repeat(35), "UCS-2", 1, 70],
    ["😎".repeat(36), "UCS-2", 2, 72],
  ] as const)("%j → %s, %i segment(s), %i units", (text, encoding, segments, units) => {
    expect(analyzeSms(text)).toMatchObject({ encoding, segments, units });
  });

  it("keeps a grapheme cluster in one part", () => {
    // 66 units, then a 4-unit flag: the flag goes whole into part 2.
    const text = "a".repeat(66) + "🇮🇹" + "b".repeat(60);
    expect(analyzeSms(text)).toMatchObject({ encoding: "UCS-2", units: 130, segments: 2 });
    expect(analyzeSms("a".repeat(66) + "🇮🇹" + "b".repeat(64))).toMatchObject({ segments: 3 });
  });

  it("names each non-GSM character once, in order of first use", () => {
    expect(analyzeSms("Don’t “wait” — it’s 50% off…").nonGsmChars).toEqual(["’", "“", "”", "—", "…"]);
    expect(analyzeSms("Cafe\u0301 ok").nonGsmChars).toEqual(["e\u0301"]);
    expect(analyzeSms("Reply STOP").nonGsmChars).toEqual([]);
  });

  it("counts CRLF as two characters", () => {
    expect(analyzeSms("\r\n")).toMatchObject({ encoding: "GSM-7", units: 2 });
  });
});

describe("smartEncode", () => {
  it.each([
    ["Don’t “wait” — it’s 50% off…", "Don't \"wait\" - it's 50% off..."],
    ["Café ½ price", "Café 1/2 price"],
    ["Ａｂｃ１２３", "Abc123"],
    ["a\u00a0b", "a  b"],
    ["zero\u200bwidth", "zerowidth"],
    ["plain text", "plain text"],
  ])("%j → %j", (input, output) => {
    expect(smartEncode(input)).toBe(output);
  });

  it("turns the documented UCS-2 examples into single-segment GSM-7", () => {
    for (const text of ["Don’t “wait” — it’s 50% off…", "Café ½ price"]) {
      expect(analyzeSms(text).encoding).toBe("UCS-2");
      expect(analyzeSms(smartEncode(text))).toMatchObject({ encoding: "GSM-7", segments: 1 });
    }
  });

  it("offers a replacement per character", () => {
    expect(smartReplacement("’")).toBe("'");
    expect(smartReplacement("😎")).toBeUndefined();
  });
});
