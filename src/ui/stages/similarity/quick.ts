/**
 * The quick MF the Similarity stage trains when no stage has a model yet: the generic worker `train` with
 * the NCF family and QUICK_MF's settings on the Data stage's split. Its progress is folded by the training
 * stages' reducer and published a few times a second at most.
 */
import { NCF_SPEC } from '../../../models/ncf/spec';
import { quickMf } from '../../../similarity/config';
import { proxy, type LabWorker } from '../../../worker/client';
import type { DatasetSummary, JobOutcome, PrepConfig, RunResult, TrainEvent } from '../../../worker/protocol';
import { applyEvent, startLive, type LiveRun } from '../../training/live';

const PUBLISH_EVERY_MS = 200;

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class QuickMfRunner {
  private live: LiveRun | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private abandon: (() => void) | null = null;
  private counter = 0;

  constructor(private readonly publish: (live: LiveRun | null) => void) {}

  /** The run's outcome, or null when it was cancelled or its worker went away. */
  async run(
    api: LabWorker['api'],
    ds: DatasetSummary,
    prep: PrepConfig,
  ): Promise<JobOutcome<RunResult> | null> {
    if (this.live) return null;
    const base = quickMf(NCF_SPEC);
    const config = { ...base, prep: { ...(base.prep as object), ...prep } };
    const jobId = `similarity-quick-${++this.counter}`;
    this.live = startLive(jobId, 0, null, config, ds.name);
    this.publish(this.live);
    const abandoned = new Promise<null>((resolve) => (this.abandon = () => resolve(null)));
    let out: JobOutcome<RunResult> | null;
    try {
      const work = api.train(
        jobId,
        ds.handle,
        NCF_SPEC.id,
        config,
        { maxUsers: null, stage: 'similarity' },
        proxy((e: TrainEvent) => this.onEvent(jobId, e)),
      );
      out = await Promise.race([work, abandoned]);
    } catch (e) {
      out = { ok: false, reason: errorText(e), cancelled: false };
    }
    if (this.live?.jobId !== jobId) return null;
    this.end();
    return out;
  }

  /** Abandons the run here and tells the worker to stop it. */
  cancel(api: LabWorker['api'] | null): void {
    if (!this.live) return;
    void api?.cancel(this.live.jobId);
    this.end();
  }

  /** The worker is going away: it will never answer. */
  end(): void {
    this.abandon?.();
    this.abandon = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const was = this.live;
    this.live = null;
    if (was) this.publish(null);
  }

  private onEvent(jobId: string, e: TrainEvent): void {
    if (this.live?.jobId !== jobId) return;
    this.live = applyEvent(this.live, e);
    // Phases and epochs go out at once; batch progress is coalesced.
    if (e.type !== 'progress') this.flush();
    else this.timer ??= setTimeout(() => this.flush(), PUBLISH_EVERY_MS);
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.live) this.publish(this.live);
  }
}
