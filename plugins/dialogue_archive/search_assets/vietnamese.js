// Vietnamese text as search sees it: the browser twin of core/vietnamese.py.
// The index was built with the Python rules; a query must be spelt the same way, so any
// change here must be made there too (tests/test_search.py compares them word by word).

const WORD = /[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+/g;
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const MARKS = /[\u0300-\u036f]/g;
const VOWELS = "aăâeêioôơuưy";
const MOVABLE_ENDINGS = ["oa", "oe", "uy"];
// Latin Eth, which old-font conversions and PDF copies put for Đ/đ (core/vietnamese.py LOOKALIKES).
const LOOKALIKES = { "\u00d0": "\u0110", "\u00f0": "\u0111" };
// Hyphens and invisible characters that glue words, read as "-" and a space (SEPARATORS there).
const SEPARATORS = { "\u2010": "-", "\u2011": "-", "\u200b": " ", "\u2060": " ", "\ufeff": " " };
const UNLIKE = { ...LOOKALIKES, ...SEPARATORS };
const UNLIKE_CHARS = new RegExp(`[${Object.keys(UNLIKE).join("")}]`, "g");

// NFC text with LOOKALIKES and SEPARATORS replaced: what every comparison starts from.
const plain = (text) => text.normalize("NFC").replace(UNLIKE_CHARS, (c) => UNLIKE[c]);

function placeTone(word) {
  const decomposed = word.normalize("NFD");
  const tones = decomposed.match(TONE_MARKS) || [];
  if (tones.length !== 1) return word;
  const base = decomposed.replace(tones[0], "").normalize("NFC");
  const lower = base.toLowerCase();
  if (!MOVABLE_ENDINGS.some((ending) => lower.endsWith(ending))) return word;
  const before = lower.length >= 3 ? lower[lower.length - 3] : "";
  if (before && VOWELS.includes(before)) return word;
  const target = lower.endsWith("uy") && before === "q" ? base.length - 1 : base.length - 2;
  const letters = Array.from(base);
  letters[target] = (letters[target] + tones[0]).normalize("NFC");
  return letters.join("");
}

/** NFC text with one tone-mark placement for `oa`, `oe`, `uy` syllables (hoà -> hòa). */
export function normalise(text) {
  return plain(text).replace(WORD, placeTone);
}

// A syllable of consonants (or qu) and a final y, as written with i (lý -> lí, kỹ -> kĩ, quý -> quí),
// for comparing lower-case words only: a query is never respelled (the records hold both
// spellings: core/vietnamese.py other_spelling), since Pagefind takes a word typed for the start
// of longer ones and "ki" would find kiến, kinh…
const I_FOR_Y = Object.fromEntries([..."yýỳỷỹỵ"].map((y, n) => [y, "iíìỉĩị"[n]]));
const ENDS_IN_Y = /^(?:[bcdghklmnprstvx]+|qu)[yýỳỷỹỵ]$/;
export const iForY = (text) => text.replace(/\p{L}+/gu,
  (word) => (ENDS_IN_Y.test(word) ? word.slice(0, -1) + I_FOR_Y[word.slice(-1)] : word));

/** `Đất đai` -> `Dat dai`: every diacritic removed, đ/Đ (and LOOKALIKES) -> d/D. */
export function fold(text) {
  return plain(text).normalize("NFD").replace(MARKS, "").replace(/đ/g, "d").replace(/Đ/g, "D")
    .normalize("NFC");
}
