/** Field-level conversions shared by every format. Each returns null when the text is not valid. */

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** A finite decimal number; a decimal comma is accepted when the delimiter is not a comma. */
export function parseNumber(text: string, delimiter: string): number | null {
  let s = text.trim();
  if (delimiter !== ',' && s.indexOf(',') >= 0 && s.indexOf('.') === -1) s = s.replace(',', '.');
  return decimal(s);
}

/** Number() is fast but also reads '', '0x1f', '0b1' and '0o7'; those are not ratings or times. */
function decimal(s: string): number | null {
  if (s === '') return null;
  const v = Number(s);
  if (!Number.isFinite(v)) return null;
  const second = s.charCodeAt(1) | 0x20;
  if (second === 0x78 || second === 0x62 || second === 0x6f) return DECIMAL.test(s) ? v : null;
  return v;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** Epoch seconds at or above this are taken as milliseconds (1e11 s is the year 5138). */
const MS_THRESHOLD = 1e11;
/** The largest time a JavaScript Date can hold. */
const MAX_SECONDS = 8.64e12;

/**
 * Seconds since the epoch from epoch seconds, epoch milliseconds or an ISO 8601 date. A date
 * without a zone is read as UTC so that a file means the same everywhere.
 */
export function parseTimestamp(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  const v = decimal(s);
  if (v !== null) {
    const seconds = Math.abs(v) >= MS_THRESHOLD ? v / 1000 : v;
    return Math.abs(seconds) <= MAX_SECONDS ? seconds : null;
  }
  const m = ISO.exec(s);
  if (m) {
    const zone = m[8] ?? 'Z';
    const time = m[4] === undefined ? 'T00:00:00' : `T${m[4]}:${m[5]}:${m[6] ?? '00'}${m[7] ?? ''}`;
    const ms = Date.parse(
      `${m[1]}-${m[2]}-${m[3]}${time}${zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone}`,
    );
    return Number.isFinite(ms) ? ms / 1000 : null;
  }
  return null;
}

/** True for values that look like times rather than ratings or ids (used to guess columns). */
export function looksLikeTime(text: string): boolean {
  const s = text.trim();
  if (ISO.test(s)) return true;
  const v = Number(s);
  return /^\d+(\.\d+)?$/.test(s) && v >= 1e8;
}

/** Number of fields once empty trailing fields (from a trailing delimiter) are dropped. */
export function trimmedLength(row: string[]): number {
  let n = row.length;
  while (n > 0 && row[n - 1].trim() === '') n--;
  return n;
}

const YEAR_IN_TITLE = /\((\d{4})(?:[-–]\d{0,4})?\)\s*$/;

/** "Toy Story (1995)" -> 1995; 0 when the title carries no year. */
export function yearFromTitle(title: string): number {
  const m = YEAR_IN_TITLE.exec(title);
  if (!m) return 0;
  const y = Number(m[1]);
  return y >= 1800 && y <= 2200 ? y : 0;
}
