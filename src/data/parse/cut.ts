/**
 * Finds where a block of text can be cut so that every line before the cut is complete.
 * Quote handling mirrors papaparse: a quote opens a field only at the start of a field, and a
 * quote closes it only when followed by a delimiter, a line break or the end of the text; "" is
 * an escaped quote. A line break inside an open quoted field is part of that field, so a cut
 * there would split one record in two.
 */

export interface CutResult {
  /** Index of the line break that ends the last complete record, or -1 when there is none. */
  cut: number;
  /** Offset at which a quoted field opened and has not closed yet by the end of the text, or -1. */
  openQuoteAt: number;
}

function opensField(text: string, q: number, delimiter: string): boolean {
  if (q === 0) return true;
  const prev = text.charCodeAt(q - 1);
  if (prev === 10 || prev === 13) return true;
  return q >= delimiter.length && text.startsWith(delimiter, q - delimiter.length);
}

function closesField(text: string, q: number, delimiter: string): boolean {
  const next = q + 1;
  if (next >= text.length) return true;
  const c = text.charCodeAt(next);
  return c === 10 || c === 13 || text.startsWith(delimiter, next);
}

/** Index of the quote that closes the field opened at `open`, or -1 if it stays open. */
function findClosingQuote(text: string, open: number, delimiter: string): number {
  let j = open + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q === -1) return -1;
    if (text.charCodeAt(q + 1) === 34) {
      j = q + 2;
      continue;
    }
    if (closesField(text, q, delimiter)) return q;
    j = q + 1;
  }
}

export function lastCompleteLine(
  text: string,
  newline: '\n' | '\r',
  delimiter: string,
  quotes: boolean,
): CutResult {
  if (!quotes || text.indexOf('"') === -1) return { cut: text.lastIndexOf(newline), openQuoteAt: -1 };
  let cut = -1;
  let i = 0;
  for (;;) {
    const q = text.indexOf('"', i);
    const searchEnd = q === -1 ? text.length : q;
    if (searchEnd > i) {
      const nl = text.lastIndexOf(newline, searchEnd - 1);
      if (nl >= i) cut = nl;
    }
    if (q === -1) return { cut, openQuoteAt: -1 };
    if (!opensField(text, q, delimiter)) {
      i = q + 1;
      continue;
    }
    const close = findClosingQuote(text, q, delimiter);
    if (close === -1) return { cut, openQuoteAt: q };
    i = close + 1;
  }
}
