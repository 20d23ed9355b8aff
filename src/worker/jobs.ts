/**
 * Long jobs in the worker (parsing, preparing, and later training) share one life cycle: the UI names each
 * job, can cancel, pause or resume it by that name, and hears progress through a throttled callback.
 */
import type { Progress } from '../data/types';
import type { JobOutcome } from './protocol';

export class Job {
  readonly controller = new AbortController();
  private readonly stopController = new AbortController();
  private pausedFlag = false;
  private stopFlag = false;
  private wake: (() => void) | null = null;

  constructor(readonly id: string) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get paused(): boolean {
    return this.pausedFlag;
  }

  /** Set by `stop`: a training loop ends after the current batch and still reports what it has. */
  get stopRequested(): boolean {
    return this.stopFlag;
  }

  /** Aborts on a stop or a cancel: what a training loop listens to, where a stop must end it too. */
  get stopSignal(): AbortSignal {
    return AbortSignal.any([this.controller.signal, this.stopController.signal]);
  }

  cancel(): void {
    this.controller.abort();
    this.resume();
  }

  stop(): void {
    this.stopFlag = true;
    this.stopController.abort();
    this.resume();
  }

  pause(): void {
    this.pausedFlag = true;
  }

  resume(): void {
    this.pausedFlag = false;
    this.wake?.();
    this.wake = null;
  }

  /**
   * Training loops call this between batches: it parks while paused and throws once cancelled. After a stop
   * it returns at once, and the loop checks `stopRequested`.
   */
  async checkpoint(): Promise<void> {
    this.signal.throwIfAborted();
    await this.whilePaused();
    this.signal.throwIfAborted();
  }

  /**
   * Parks while paused and returns on resume, stop or cancel, without throwing: the training loop's pause
   * gate, which must unwind through its own abort path so that every tensor it holds is disposed.
   */
  async whilePaused(): Promise<void> {
    while (this.pausedFlag && !this.signal.aborted && !this.stopFlag) {
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }
}

export class JobRegistry {
  private readonly jobs = new Map<string, Job>();

  start(id: string): Job {
    // A reused id means the UI restarted a job: the old one must not keep running unseen.
    this.jobs.get(id)?.cancel();
    const job = new Job(id);
    this.jobs.set(id, job);
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  finish(job: Job): void {
    if (this.jobs.get(job.id) === job) this.jobs.delete(job.id);
  }
}

/**
 * Every postMessage costs the UI a render, so progress is capped at one message per `intervalMs`. The caller
 * still sees at least one message per ~100 ms while work runs, because the loaders report more often than that.
 */
export function throttleProgress(
  send: (p: Progress) => void,
  intervalMs = 60,
): { report: (p: Progress) => void; flush: () => void } {
  let last = 0;
  let pending: Progress | null = null;
  return {
    report(p) {
      const now = performance.now();
      if (now - last >= intervalMs) {
        last = now;
        pending = null;
        send(p);
      } else {
        pending = p;
      }
    },
    flush() {
      if (pending) send(pending);
      pending = null;
    },
  };
}

/** Starts a job, races it against its cancel, times it, and turns every failure into an outcome. */
export async function runJob<T>(
  jobs: JobRegistry,
  jobId: string,
  work: (job: Job) => Promise<{ ok: true; value: T } | { ok: false; reason: string }>,
  onSettled?: () => void,
): Promise<JobOutcome<T>> {
  const job = jobs.start(jobId);
  const t0 = performance.now();
  try {
    const r = await raceAbort(work(job), job.signal);
    onSettled?.();
    if (job.signal.aborted) return { ok: false, reason: 'Cancelled', cancelled: true };
    return r.ok ? { ok: true, value: r.value, millis: performance.now() - t0 } : { ...r, cancelled: false };
  } catch (e) {
    if (e instanceof Cancelled || job.signal.aborted)
      return { ok: false, reason: 'Cancelled', cancelled: true };
    return { ok: false, reason: e instanceof Error ? e.message : String(e), cancelled: false };
  } finally {
    jobs.finish(job);
  }
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * Resolves with the work's value, or rejects with `Cancelled` as soon as the signal aborts, even if the work
 * only notices the abort later. The UI gets its answer within a message round-trip of the cancel.
 */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
