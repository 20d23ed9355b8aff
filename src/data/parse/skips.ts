import type { SkipReport } from '../types';

export const MAX_EXAMPLES = 5;
/** When this many data rows in a row are bad from the start, the file is not what we think it is. */
export const EARLY_FAIL_ROWS = 10;
/** More than this share of bad rows fails the file instead of skipping them. */
export const MAX_BAD_SHARE = 0.5;

/**
 * Counts malformed rows of one file and decides when a file is too broken to keep.
 * `label` prefixes examples from secondary files ("u.item row 5: ..."); the main ratings file
 * has none, so its examples read "row 18: rating 'abc' is not a number".
 */
export class SkipCollector {
  count = 0;
  dataRows = 0;
  readonly examples: string[] = [];
  private firstProblem: string | null = null;

  constructor(
    readonly fileName: string,
    private readonly label = '',
  ) {}

  good(): void {
    this.dataRows++;
  }

  bad(row: number, problem: string): void {
    this.dataRows++;
    this.count++;
    this.firstProblem ??= `row ${row}: ${problem}`;
    if (this.examples.length < MAX_EXAMPLES) {
      this.examples.push(`${this.label === '' ? '' : `${this.label} `}row ${row}: ${problem}`);
    }
  }

  /** A reason to give up early: the first rows are all bad. */
  earlyFailure(): string | null {
    if (this.dataRows === EARLY_FAIL_ROWS && this.count === EARLY_FAIL_ROWS) {
      return `${this.firstProblem} (and the next ${EARLY_FAIL_ROWS - 1} rows are bad too)`;
    }
    return null;
  }

  /** A reason to reject the file once it is read completely, or null to keep it. */
  finalFailure(): string | null {
    if (this.count === 0) return null;
    if (this.count === this.dataRows) {
      const more = this.count > 1 ? ` (all ${this.count} data rows are bad)` : '';
      return `${this.fileName}: ${this.firstProblem}${more}`;
    }
    if (this.count > this.dataRows * MAX_BAD_SHARE) {
      return `${this.fileName}: ${this.count} of ${this.dataRows} rows are malformed; first: ${this.firstProblem}`;
    }
    return null;
  }

  report(): SkipReport {
    return { count: this.count, examples: [...this.examples] };
  }
}

export function mergeSkips(reports: SkipReport[]): SkipReport {
  const examples: string[] = [];
  let count = 0;
  for (const r of reports) {
    count += r.count;
    for (const e of r.examples) if (examples.length < MAX_EXAMPLES) examples.push(e);
  }
  return { count, examples };
}

/** "312 rows skipped; first: row 18: rating 'abc' is not a number". */
export function describeSkips(report: SkipReport): string {
  if (report.count === 0) return 'no rows skipped';
  const noun = report.count === 1 ? 'row' : 'rows';
  const first = report.examples[0];
  return first === undefined
    ? `${report.count} ${noun} skipped`
    : `${report.count} ${noun} skipped; first: ${first}`;
}
