import type { ProgressFn } from '../types';

export const CANCELLED = 'Cancelled';

/** Emit progress at most this often: often enough for a smooth bar, rare enough to cost nothing. */
const PROGRESS_MS = 100;
/** Give the event loop a turn at least this often so a cancel message is seen within 250 ms. */
const YIELD_MS = 40;

const now = (): number => performance.now();

/**
 * Shared by every file of one load: bytes and rows accumulate across files, progress is
 * throttled, and `pause()` hands the event loop a turn when enough time has passed.
 */
export class JobContext {
  private bytesDone = 0;
  private rowsDone = 0;
  private lastEmit = -Infinity;
  private lastYield = now();
  phase = 'parse';
  /** What the readers decided on the user's behalf (see Dataset.notices), each said once. */
  readonly notices: string[] = [];

  constructor(
    readonly totalBytes: number,
    private readonly onProgress?: ProgressFn,
    readonly signal?: AbortSignal,
  ) {}

  get cancelled(): boolean {
    return this.signal?.aborted ?? false;
  }

  note(notice: string): void {
    if (!this.notices.includes(notice)) this.notices.push(notice);
  }

  advance(bytes: number, rows: number): void {
    this.bytesDone += bytes;
    this.rowsDone += rows;
    const t = now();
    if (t - this.lastEmit >= PROGRESS_MS) this.emit(t);
  }

  /** Emits the completed job (files that were not needed count as done). */
  finish(): void {
    this.bytesDone = this.totalBytes;
    this.emit(now());
  }

  private emit(t: number): void {
    this.lastEmit = t;
    this.onProgress?.({
      phase: this.phase,
      done: Math.min(this.bytesDone, this.totalBytes),
      total: this.totalBytes,
      unit: 'bytes',
      rows: this.rowsDone,
    });
  }

  /** Yields to the event loop when the last yield is older than YIELD_MS; true if cancelled. */
  async pause(): Promise<boolean> {
    if (now() - this.lastYield >= YIELD_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      this.lastYield = now();
    }
    return this.cancelled;
  }
}
