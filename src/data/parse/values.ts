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
  const v = anyDecimal(s);
  return v !== null && Number.isFinite(v) ? v : null;
}

/** Like decimal, but keeps what overflows or names a non-finite value ('1e39', 'Infinity'). */
function anyDecimal(s: string): number | null {
  if (s === '') return null;
  const v = Number(s);
  if (Number.isNaN(v)) return null;
  const second = s.charCodeAt(1) | 0x20;
  if (second === 0x78 || second === 0x62 || second === 0x6f) return DECIMAL.test(s) ? v : null;
  return v;
}

/** The largest finite float32 and the smallest normal one: ratings live in a Float32Array. */
const FLOAT32_MAX = 3.4028234663852886e38;
const FLOAT32_MIN_NORMAL = 1.1754943508222875e-38;

/**
 * A rating as a Float32Array stores it, or what is wrong with `text` (already trimmed). A value
 * that would become Infinity, or 0 or a subnormal, is refused: the mean and histogram need it.
 */
export function parseRating(text: string, delimiter: string): number | string {
  let s = text;
  if (delimiter !== ',' && s.indexOf(',') >= 0 && s.indexOf('.') === -1) s = s.replace(',', '.');
  const v = anyDecimal(s);
  if (v === null) return `rating '${text}' is not a number`;
  if (!Number.isFinite(v)) {
    return /inf/i.test(s)
      ? `rating '${text}' is not a finite number`
      : `rating ${text} is too large to store (at most 3.4e38)`;
  }
  const a = Math.abs(v);
  if (a > FLOAT32_MAX) return `rating ${text} is too large to store (at most 3.4e38)`;
  if (a !== 0 && a < FLOAT32_MIN_NORMAL) return `rating ${text} is too small to store (at least 1.2e-38)`;
  return v;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/** A time unit of numeric timestamps: how many of them make a second. */
export interface TimeUnit {
  name: 'seconds' | 'milliseconds' | 'microseconds' | 'nanoseconds';
  perSecond: number;
}

export const TIME_UNITS: readonly TimeUnit[] = [
  { name: 'seconds', perSecond: 1 },
  { name: 'milliseconds', perSecond: 1e3 },
  { name: 'microseconds', perSecond: 1e6 },
  { name: 'nanoseconds', perSecond: 1e9 },
];

/** 1900-01-01 and 2100-01-01 in seconds: a numeric time outside is in another unit, or garbage. */
const EARLIEST = -2208988800;
const LATEST = 4102444800;
/** The latest numeric time accepted, in seconds (for the ratings reader's fast path). */
export const EPOCH_LATEST = LATEST;

/**
 * The unit that puts the typical (median) magnitude of these epoch values between 1970 and 2100.
 * One unit for a whole file: deciding per value read a stray microsecond time as the year 30212.
 */
export function chooseTimeUnit(values: readonly number[]): { unit: TimeUnit; typical: number } {
  const sorted = values.map(Math.abs).sort((a, b) => a - b);
  const typical = sorted.length === 0 ? 0 : sorted[sorted.length >> 1];
  const unit = TIME_UNITS.find((u) => typical / u.perSecond <= LATEST) ?? TIME_UNITS[TIME_UNITS.length - 1];
  return { unit, typical };
}

/** The epoch number in `text` (trimmed), finite or not, or null when it is not a number. */
export function epochNumber(text: string): number | null {
  return anyDecimal(text);
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Seconds since the epoch from an ISO 8601 date (read as UTC without a zone, so that a file means
 * the same everywhere), or why it is not a real date. Date.parse rolls 2023-02-30 over to March 2.
 */
function isoSeconds(text: string, m: RegExpExecArray): number | string {
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const h = m[4] === undefined ? 0 : Number(m[4]);
  const mi = m[5] === undefined ? 0 : Number(m[5]);
  const sec = m[6] === undefined ? 0 : Number(m[6]);
  if (mo < 1 || mo > 12) return `timestamp '${text}' is not a real date (month ${m[2]})`;
  if (d < 1 || d > daysIn(y, mo)) {
    return `timestamp '${text}' is not a real date (${MONTHS[mo - 1]} ${y} has ${daysIn(y, mo)} days)`;
  }
  if (h > 23 || mi > 59 || sec > 59) return `timestamp '${text}' is not a real time of day`;
  let offset = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(-2));
    if (oh > 23 || om > 59) return `timestamp '${text}' has an impossible time zone (${zone})`;
    offset = (zone[0] === '-' ? -1 : 1) * (oh * 3600 + om * 60);
  }
  const day = new Date(0);
  day.setUTCFullYear(y, mo - 1, d);
  const fraction = m[7] === undefined ? 0 : Number(m[7]);
  return day.getTime() / 1000 + h * 3600 + mi * 60 + sec + fraction - offset;
}

/**
 * Seconds since the epoch from an epoch number in `unit` or an ISO 8601 date, or what is wrong
 * with `text` (already trimmed, not empty).
 */
export function readTimestamp(text: string, unit: TimeUnit): number | string {
  const v = anyDecimal(text);
  if (v !== null) {
    if (!Number.isFinite(v)) return `timestamp '${text}' is not a finite number`;
    const seconds = v / unit.perSecond;
    if (seconds > LATEST)
      return `timestamp ${text} is after 2100 read as ${unit.name}, the unit of this file`;
    if (seconds < EARLIEST)
      return `timestamp ${text} is before 1900 read as ${unit.name}, the unit of this file`;
    return seconds;
  }
  const m = ISO.exec(text);
  if (m) return isoSeconds(text, m);
  return `timestamp '${text}' is neither an epoch time nor an ISO date`;
}

/**
 * Seconds since the epoch from one value: epoch seconds, milliseconds, microseconds or
 * nanoseconds (its own magnitude decides), or an ISO 8601 date; null when it is none of those.
 */
export function parseTimestamp(text: string): number | null {
  const s = text.trim();
  if (s === '') return null;
  const v = decimal(s);
  const t = readTimestamp(s, v === null ? TIME_UNITS[0] : chooseTimeUnit([v]).unit);
  return typeof t === 'number' ? t : null;
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
