import type { SkipReport } from '../types';
import { printable } from './printable';

export const MAX_EXAMPLES = 5;

/**
 * Counts malformed rows of one file. Bad rows are skipped wherever they are (the first ten, or
 * most of the file): a file is rejected only when no data row in it is usable.
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
    problem = printable(problem);
    this.firstProblem ??= `row ${row}: ${problem}`;
    if (this.examples.length < MAX_EXAMPLES) {
      this.examples.push(`${this.label === '' ? '' : `${this.label} `}row ${row}: ${problem}`);
    }
  }

  /** A reason to reject the file once it is read completely, or null to keep it. */
  finalFailure(): string | null {
    if (this.count === 0) return null;
    if (this.count === this.dataRows) {
      const more = this.count > 1 ? ` (all ${this.count} data rows are bad)` : '';
      return `${this.fileName}: ${this.firstProblem}${more}`;
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
