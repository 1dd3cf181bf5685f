/**
 * SMS encoding and segment counting, as carriers bill it.
 *
 * - GSM-7 (GSM 03.38 default alphabet): 160 septets in one part, 153 per part once concatenated
 *   (the 6-octet UDH with an 8-bit reference takes the rest). Extension-table characters cost
 *   2 septets (ESC + code) and never straddle two parts.
 * - UCS-2 (really UTF-16): any character outside GSM-7 switches the *whole* message; 70 code
 *   units in one part, 67 per part. Like Twilio's calculator we keep a grapheme cluster (emoji
 *   with modifiers, flags, ZWJ sequences) in one part, so a surrogate pair is never split either.
 *
 * Sources and the test vectors: /work/shared/reference/sms-domain.md §1 (copied vectors live in
 * `__fixtures__/sms-segments.json`).
 */

export type SmsEncoding = "GSM-7" | "UCS-2";

export type SmsAnalysis = {
  encoding: SmsEncoding;
  /** Parts the message is billed as; 0 for an empty text (nothing is sent). */
  segments: number;
  /** Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2. */
  units: number;
  /** Distinct characters (grapheme clusters) outside GSM-7, in order of first use. */
  nonGsmChars: string[];
};

const GSM_BASIC =
  "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
  "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM_EXTENSION = "\f^{}\\[~]|€";

const GSM_BASIC_SET = new Set(GSM_BASIC);
const GSM_EXTENSION_SET = new Set(GSM_EXTENSION);

const GSM_SINGLE = 160;
const GSM_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

const graphemeSegmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Septets one character costs in GSM-7, or undefined when it is not in the alphabet. */
function gsmSeptets(char: string): 1 | 2 | undefined {
  if (GSM_BASIC_SET.has(char)) return 1;
  if (GSM_EXTENSION_SET.has(char)) return 2;
  return undefined;
}

/**
 * Grapheme clusters, except that CRLF counts as two characters: carriers and Twilio's
 * calculator treat `\r\n` as two, so it may be split across parts.
 */
function graphemes(text: string): string[] {
  const out: string[] = [];
  for (const { segment } of graphemeSegmenter.segment(text)) {
    if (segment === "\r\n") out.push("\r", "\n");
    else out.push(segment);
  }
  return out;
}

function isGsmGrapheme(g: string): boolean {
  for (const char of g) if (gsmSeptets(char) === undefined) return false;
  return true;
}

/** Greedy packing into parts of `perPart` units; an item never straddles two parts. */
function countParts(sizes: readonly number[], perPart: number): number {
  let parts = 1;
  let used = 0;
  for (const size of sizes) {
    if (used + size > perPart) {
      parts += 1;
      used = 0;
    }
    used += size;
  }
  return parts;
}

/** A cluster longer than a whole part (zalgo text) can only be split, so it goes by code points. */
function ucs2Sizes(gs: readonly string[]): number[] {
  const sizes: number[] = [];
  for (const g of gs) {
    if (g.length <= UCS2_PART) sizes.push(g.length);
    else for (const cp of g) sizes.push(cp.length);
  }
  return sizes;
}

export function analyzeSms(text: string): SmsAnalysis {
  const gs = graphemes(text);
  const nonGsm = new Set<string>();
  for (const g of gs) if (!isGsmGrapheme(g)) nonGsm.add(g);
  const nonGsmChars = [...nonGsm];

  if (nonGsmChars.length === 0) {
    // Every character is a single UTF-16 unit here, so code points are the unit of packing.
    const sizes = [...text].map((char) => gsmSeptets(char) ?? 1);
    const units = sizes.reduce((a, b) => a + b, 0);
    return { encoding: "GSM-7", units, segments: segmentsFor(sizes, units, GSM_SINGLE, GSM_PART), nonGsmChars };
  }

  const sizes = ucs2Sizes(gs);
  const units = text.length;
  return { encoding: "UCS-2", units, segments: segmentsFor(sizes, units, UCS2_SINGLE, UCS2_PART), nonGsmChars };
}

function segmentsFor(sizes: readonly number[], units: number, single: number, perPart: number): number {
  if (units === 0) return 0;
  if (units <= single) return 1;
  return countParts(sizes, perPart);
}

/**
 * Twilio's "smart encoding" replacements (their calculator's `SmartEncodingMap`): look-alike
 * punctuation, spaces and fullwidth forms that would force UCS-2 mapped to GSM-7 text. Used for a
 * canvas hint ("replace ’ with '"); the text actually sent is what the author wrote.
 */
const SMART_ENCODING_MAP: Readonly<Record<string, string>> = {
  "\u00ab": '"', "\u00bb": '"', "\u201c": '"', "\u201d": '"', "\u02ba": '"', "\u02ee": '"',
  "\u201f": '"', "\u275d": '"', "\u275e": '"', "\u301d": '"', "\u301e": '"', "\uff02": '"',
  "\u201e": '"',
  "\u2018": "'", "\u2019": "'", "\u02bb": "'", "\u02c8": "'", "\u02bc": "'", "\u02bd": "'",
  "\u02b9": "'", "\u201b": "'", "\uff07": "'", "\u00b4": "'", "\u02ca": "'", "\u0060": "'",
  "\u02cb": "'", "\u275b": "'", "\u275c": "'", "\u0313": "'", "\u0314": "'", "\ufe10": "'",
  "\ufe11": "'", "\u2017": "'",
  "\u00f7": "/", "\u29f8": "/", "\u0337": "/", "\u0338": "/", "\u2044": "/", "\u2215": "/", "\uff0f": "/",
  "\u00bc": "1/4", "\u00bd": "1/2", "\u00be": "3/4",
  "\u29f9": "\\", "\u29f5": "\\", "\u20e5": "\\", "\ufe68": "\\", "\uff3c": "\\",
  "\u0332": "_", "\uff3f": "_",
  "\u20d2": "|", "\u20d3": "|", "\u2223": "|", "\uff5c": "|", "\u23b8": "|", "\u23b9": "|",
  "\u23d0": "|", "\u239c": "|", "\u239f": "|",
  "\u23bc": "-", "\u23bd": "-", "\u2015": "-", "\ufe63": "-", "\uff0d": "-", "\u2010": "-",
  "\u2043": "-", "\u2014": "-", "\u2013": "-", "\u2022": "-",
  "\ufe6b": "@", "\uff20": "@", "\ufe69": "$", "\uff04": "$",
  "\u01c3": "!", "\ufe15": "!", "\ufe57": "!", "\uff01": "!", "\u203c": "!!",
  "\ufe5f": "#", "\uff03": "#", "\ufe6a": "%", "\uff05": "%", "\ufe60": "&", "\uff06": "&",
  "\u201a": ",", "\u0326": ",", "\ufe50": ",", "\ufe51": ",", "\uff0c": ",", "\uff64": ",", "\u3001": ",",
  "\u2768": "(", "\u276a": "(", "\ufe59": "(", "\uff08": "(", "\u27ee": "(", "\u2985": "(",
  "\u2769": ")", "\u276b": ")", "\ufe5a": ")", "\uff09": ")", "\u27ef": ")", "\u2986": ")",
  "\u204e": "*", "\u2217": "*", "\u229b": "*", "\u2722": "*", "\u2723": "*", "\u2724": "*",
  "\u2725": "*", "\u2731": "*", "\u2732": "*", "\u2733": "*", "\u273a": "*", "\u273b": "*",
  "\u273c": "*", "\u273d": "*", "\u2743": "*", "\u2749": "*", "\u274a": "*", "\u274b": "*",
  "\u29c6": "*", "\ufe61": "*", "\uff0a": "*",
  "\u02d6": "+", "\ufe62": "+", "\uff0b": "+",
  "\u3002": ".", "\ufe52": ".", "\uff0e": ".", "\uff61": ".", "\u2026": "...",
  "\u02d0": ":", "\u02f8": ":", "\u2982": ":", "\ua789": ":", "\ufe13": ":", "\uff1a": ":",
  "\u204f": ";", "\ufe14": ";", "\ufe54": ";", "\uff1b": ";",
  "\ufe64": "<", "\uff1c": "<", "\u203a": "<",
  "\u0347": "=", "\ua78a": "=", "\ufe66": "=", "\uff1d": "=",
  "\ufe65": ">", "\uff1e": ">", "\u2039": ">",
  "\ufe16": "?", "\ufe56": "?", "\uff1f": "?",
  "\u1d00": "A", "\u0299": "B", "\u1d04": "C", "\u1d05": "D", "\u1d07": "E", "\ua730": "F",
  "\u0262": "G", "\u029c": "H", "\u026a": "I", "\u1d0a": "J", "\u1d0b": "K", "\u029f": "L",
  "\u1d0d": "M", "\u0274": "N", "\u1d0f": "O", "\u1d18": "P", "\u0280": "R", "\ua731": "S",
  "\u1d1b": "T", "\u1d1c": "U", "\u1d20": "V", "\u1d21": "W", "\u028f": "Y", "\u1d22": "Z",
  "\u02c6": "^", "\u0302": "^", "\uff3e": "^", "\u1dcd": "^",
  "\u2774": "{", "\ufe5b": "{", "\uff5b": "{", "\u2775": "}", "\ufe5c": "}", "\uff5d": "}",
  "\uff3b": "[", "\uff3d": "]",
  "\u02dc": "~", "\u02f7": "~", "\u0303": "~", "\u0330": "~", "\u0334": "~", "\u223c": "~", "\uff5e": "~",
  // Twilio's calculator turns these spaces into two spaces; kept as-is to match it.
  "\u00a0": "  ", "\u2000": "  ", "\u2002": "  ", "\u2003": "  ", "\u2004": "  ", "\u2005": "  ",
  "\u2006": "  ", "\u2007": "  ", "\u2008": "  ", "\u2009": "  ", "\u200a": "  ", "\u202f": "  ",
  "\u205f": "  ", "\u3000": "  ", "\u008d": "  ", "\u009f": "  ", "\u0080": "  ", "\u0090": "  ",
  "\u009b": "  ",
  "\u2001": " ", "\u2028": " ", "\u2029": " ",
  "\u0009": "       ",
  "\u0000": "", "\u0003": "", "\u0004": "", "\u0010": "", "\u0011": "", "\u0012": "", "\u0013": "",
  "\u0014": "", "\u0017": "", "\u0019": "", "\u2060": "", "\u200b": "", "\ufeff": "",
};

/**
 * Fullwidth digits and letters map by offset. Twilio's table lists only the capitals and digits;
 * lowercase (U+FF41–FF5A) is our addition, same idea.
 */
function fullwidthToAscii(char: string): string | undefined {
  const cp = char.codePointAt(0) ?? 0;
  const isLetterOrDigit = (cp >= 0xff10 && cp <= 0xff19) || (cp >= 0xff21 && cp <= 0xff3a) || (cp >= 0xff41 && cp <= 0xff5a);
  return isLetterOrDigit ? String.fromCodePoint(cp - 0xfee0) : undefined;
}

/** Replace look-alike characters with their GSM-7 equivalents (Twilio smart encoding). */
export function smartEncode(text: string): string {
  let out = "";
  for (const char of text) out += SMART_ENCODING_MAP[char] ?? fullwidthToAscii(char) ?? char;
  return out;
}

/** The smart-encoding replacement for one character, if it has one (for "use ' instead of ’"). */
export function smartReplacement(char: string): string | undefined {
  return SMART_ENCODING_MAP[char] ?? fullwidthToAscii(char);
}
