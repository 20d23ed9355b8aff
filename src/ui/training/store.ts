/**
 * One training stage's state and actions, for any model family: the settings (in the URL under the
 * stage's prefix), the run in flight with its live curves, every finished run of the session, and
 * recommendations. Progress from the worker is folded in as it comes but published a few times a
 * second at most, so a fast run never makes React re-render more often than a chart can be read.
 */
import { proxy, type LabWorker } from '../../worker/client';
import type { RunResult, TrainEvent } from '../../worker/protocol';
import type { ExperimentConfig } from '../../train/spec';
import type { FamilySpec } from '../../train/spec';
import type { LabHost, StageStore } from '../stages/types';
import { applyEvent, startLive, type BatchPoint, type EpochPoint, type LiveRun } from './live';
import { readStageUrl, switchKind, writeStageUrl, type QuickLook, type StageSettings } from './settings';
import { recommendFor, type RecsState } from './recs';

export interface RunRecord<C extends ExperimentConfig = ExperimentConfig, R = unknown> {
  no: number;
  preset: string | null;
  result: RunResult<C, R>;
  batches: BatchPoint[];
  epochs: EpochPoint[];
  /** The worker keeps the last few models per stage, says which it released, and loses all on a restart. */
  modelKept: boolean;
}

export interface TrainingState<C extends ExperimentConfig = ExperimentConfig> {
  settings: StageSettings<C>;
  live: LiveRun | null;
  runs: RunRecord<C>[];
  error: string | null;
  recs: RecsState | null;
}

/** UI updates per second while a run streams progress, at most. */
const PUBLISH_EVERY_MS = 200;

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class TrainingStore<C extends ExperimentConfig = ExperimentConfig> implements StageStore {
  private state: TrainingState<C>;
  private readonly listeners = new Set<() => void>();
  private api: LabWorker['api'] | null = null;
  /** Ends the run in flight on this side when the worker goes away (a terminated worker never answers). */
  private abandon: (() => void) | null = null;
  private jobCounter = 0;
  private recsRequest = 0;
  /** The run as the latest event left it, published at most every PUBLISH_EVERY_MS. */
  private pending: LiveRun | null = null;
  private publishTimer: ReturnType<typeof setTimeout> | null = null;
  private lastPublish = 0;

  constructor(
    readonly stage: string,
    readonly spec: FamilySpec<C>,
    private readonly host: LabHost,
  ) {
    this.state = { settings: readStageUrl(spec, stage), live: null, runs: [], error: null, recs: null };
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): TrainingState<C> => this.state;

  private set(patch: Partial<TrainingState<C>>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  attach(api: LabWorker['api']): void {
    this.api = api;
  }

  /** The worker is going: its run and its models go with it. */
  detach(): void {
    this.api = null;
    this.abandon?.();
    this.set({ runs: this.state.runs.map((r) => ({ ...r, modelKept: false })) });
  }

  /** A line for the table of contents. */
  status(): string | undefined {
    const { live, runs } = this.state;
    if (live) return `Training run #${live.no}…`;
    return runs.length ? `${runs.length} run${runs.length > 1 ? 's' : ''}` : undefined;
  }

  private setSettings(settings: StageSettings<C>): void {
    this.set({ settings });
    writeStageUrl(this.spec, this.stage, settings);
  }

  setKind = (kind: string): void => {
    const s = this.state.settings;
    this.setSettings({ ...s, kind, config: switchKind(this.spec, s.config, kind, s.preset) });
  };

  /** A preset sets the model, the training and, for a stage on the Data stage's split, that preparation. */
  setPreset = (id: string | null): void => {
    const preset = this.spec.presets.find((p) => p.id === id);
    const s = this.state.settings;
    if (!preset) {
      this.setSettings({ ...s, preset: null });
      return;
    }
    const kind = preset.model.kind;
    this.setSettings({ ...s, kind, preset: preset.id, config: this.spec.base(kind, preset.id) });
    if (this.spec.sharedPrep) this.host.setPrep(preset.prep as never);
  };

  setConfig = (config: C): void => this.setSettings({ ...this.state.settings, config });

  setQuick = (quick: QuickLook): void => this.setSettings({ ...this.state.settings, quick });

  /** The config a run will train with: the stage's settings, on the Data stage's split where it shares it. */
  runConfig(): C {
    const { config } = this.state.settings;
    const prep = this.spec.sharedPrep
      ? { ...(config.prep as object), ...this.host.getSnapshot().prepConfig }
      : config.prep;
    return structuredClone({ ...config, prep });
  }

  train = async (): Promise<void> => {
    const { live, settings } = this.state;
    const lab = this.host.getSnapshot();
    const api = this.api;
    const ds = lab.dataset;
    if (!api || !ds || live) return;
    const config = this.runConfig();
    const no = (this.state.runs.at(-1)?.no ?? 0) + 1;
    const jobId = `${this.stage}-${++this.jobCounter}`;
    this.pending = null;
    this.set({ error: null, live: startLive(jobId, no, settings.preset, config, ds.name) });
    const abandoned = new Promise<null>((resolve) => (this.abandon = () => resolve(null)));
    let out;
    try {
      const work = api.train(
        jobId,
        ds.handle,
        this.spec.id,
        config,
        { maxUsers: settings.quick.on ? settings.quick.users : null },
        proxy((e: TrainEvent) => this.onEvent(jobId, e)),
      );
      out = await Promise.race([work, abandoned]);
    } catch (e) {
      out = { ok: false as const, reason: errorText(e), cancelled: false };
    }
    this.abandon = null;
    this.flush();
    const ended = this.state.live;
    if (!out || ended?.jobId !== jobId) {
      if (ended?.jobId === jobId) this.set({ live: null });
      return;
    }
    if (!out.ok) {
      this.set({ live: null, error: out.cancelled ? null : out.reason });
      return;
    }
    this.finish(ended, out.value as RunResult<C>);
  };

  private finish(live: LiveRun, result: RunResult<C>): void {
    const released = new Set(result.released);
    const runs = [
      ...this.state.runs.map((r) => (released.has(r.result.runHandle) ? { ...r, modelKept: false } : r)),
      {
        no: live.no,
        preset: live.preset,
        result,
        batches: live.batches,
        epochs: live.epochs,
        modelKept: true,
      },
    ];
    this.set({ live: null, runs });
    const user = this.state.recs?.userId ?? result.exampleUsers[0];
    if (user !== undefined) void this.recommend(user, this.state.recs?.k ?? 10, live.no);
  }

  private onEvent(jobId: string, e: TrainEvent): void {
    const base = this.pending ?? this.state.live;
    if (!base || base.jobId !== jobId) return;
    this.pending = applyEvent(base, e);
    // Phases and epochs are rare and matter to the reader: they go out at once; progress is coalesced.
    if (e.type !== 'progress') this.flush();
    else this.schedule();
  }

  private schedule(): void {
    if (this.publishTimer) return;
    const wait = Math.max(0, this.lastPublish + PUBLISH_EVERY_MS - performance.now());
    this.publishTimer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    if (this.publishTimer) clearTimeout(this.publishTimer);
    this.publishTimer = null;
    const next = this.pending;
    this.pending = null;
    if (!next || this.state.live?.jobId !== next.jobId) return;
    this.lastPublish = performance.now();
    this.set({ live: { ...next, paused: this.state.live.paused, stopping: this.state.live.stopping } });
  }

  private control(action: 'pause' | 'resume' | 'stop' | 'cancel'): void {
    const live = this.state.live;
    if (!live || !this.api) return;
    void this.api[action](live.jobId);
    if (action === 'cancel') {
      this.abandon?.();
      this.pending = null;
      this.set({ live: null });
    } else {
      this.set({
        live: { ...live, paused: action === 'pause', stopping: live.stopping || action === 'stop' },
      });
    }
  }

  pause = (): void => this.control('pause');
  resume = (): void => this.control('resume');
  stop = (): void => this.control('stop');
  cancel = (): void => this.control('cancel');

  /** Top K for a user from one run's model (the latest run when none is named). */
  recommend = async (userId: string, k: number, runNo?: number): Promise<void> => {
    const run =
      this.state.runs.find((r) => r.no === (runNo ?? this.state.recs?.runNo)) ?? this.state.runs.at(-1);
    if (!run) return;
    const request = ++this.recsRequest;
    await recommendFor(this.api, run, userId, k, (recs) => {
      if (request === this.recsRequest) this.set({ recs });
    });
  };

  /** Forgets every finished run and frees their models in the worker. */
  clearRuns = (): void => {
    for (const r of this.state.runs) if (r.modelKept) void this.api?.releaseRun(r.result.runHandle);
    this.set({ runs: [], recs: null });
  };
}
