/**
 * The NCF stage's state and actions, attached to the lab store (`lab.ncf`): the settings (in the URL), the
 * run in flight with its live curves, every finished run of the session, and recommendations. It talks to
 * the worker the lab store started, and hears from it when that worker starts or goes.
 */
import { proxy, type LabWorker } from '../../worker/client';
import {
  KEPT_RUNS,
  type EpochReport,
  type ExperimentConfig,
  type ModelKind,
  type NcfCatalog,
  type PrepConfig,
  type PresetId,
  type Recommendations,
  type RunResult,
  type TrainEvent,
  type TrainProgress,
} from '../../worker/protocol';
import type { LabState } from './labStore';
import { baseSettings, readNcfUrl, writeNcfUrl, type NcfSettings, type QuickLook } from './ncfConfig';

/** One point of the smoothed batch-loss curve; x counts epochs across every phase of the run. */
export interface BatchPoint {
  x: number;
  loss: number;
  smoothed: number;
}

export interface EpochPoint {
  phase: string;
  report: EpochReport;
}

export interface LiveRun {
  jobId: string;
  no: number;
  preset: PresetId | null;
  config: ExperimentConfig;
  datasetName: string;
  phase: string;
  paused: boolean;
  stopping: boolean;
  progress: TrainProgress | null;
  batches: BatchPoint[];
  epochs: EpochPoint[];
}

export interface RunRecord {
  no: number;
  preset: PresetId | null;
  result: RunResult;
  batches: BatchPoint[];
  epochs: EpochPoint[];
  /** The worker keeps the last few models, and loses all of them when it restarts. */
  modelKept: boolean;
}

export interface RecsState {
  runNo: number;
  userId: string;
  k: number;
  loading: boolean;
  result: Recommendations | null;
  error: string | null;
}

export interface NcfState {
  catalog: NcfCatalog | null;
  kind: ModelKind;
  preset: PresetId | null;
  settings: NcfSettings | null;
  quick: QuickLook;
  live: LiveRun | null;
  runs: RunRecord[];
  error: string | null;
  recs: RecsState | null;
}

/** What the NCF store needs of the lab store. */
export interface NcfHost {
  getSnapshot(): LabState;
  setPrep(patch: Partial<PrepConfig>): void;
}

/** Enough for a smooth curve; beyond it neighbouring points are merged, so a long run stays cheap to draw. */
const MAX_POINTS = 400;

function pushPoint(points: BatchPoint[], p: BatchPoint): BatchPoint[] {
  const next = [...points, p];
  if (next.length <= MAX_POINTS) return next;
  const merged: BatchPoint[] = [];
  for (let j = 0; j + 1 < next.length; j += 2) {
    const [a, b] = [next[j], next[j + 1]];
    merged.push({ x: b.x, loss: (a.loss + b.loss) / 2, smoothed: b.smoothed });
  }
  if (next.length % 2) merged.push(next[next.length - 1]);
  return merged;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class NcfStore {
  private state: NcfState = {
    catalog: null,
    kind: 'neumf',
    preset: null,
    settings: null,
    quick: { on: false, users: 100 },
    live: null,
    runs: [],
    error: null,
    recs: null,
  };
  private readonly listeners = new Set<() => void>();
  private api: LabWorker['api'] | null = null;
  /** Ends the run in flight on this side when the worker goes away (a terminated worker never answers). */
  private abandon: (() => void) | null = null;
  private jobCounter = 0;
  private recsRequest = 0;
  /** Epochs of the finished phases (NeuMF pretraining), so the batch curve runs on across phases. */
  private phaseOffset = 0;

  constructor(private readonly host: NcfHost) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): NcfState => this.state;

  private set(patch: Partial<NcfState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  /** The lab store started a worker. The catalog is the same for every worker, so it is asked for once. */
  async attach(api: LabWorker['api']): Promise<void> {
    this.api = api;
    if (this.state.catalog) return;
    try {
      const catalog = await api.ncfCatalog();
      if (this.api !== api) return;
      this.set({ catalog, ...readNcfUrl(catalog) });
    } catch (e) {
      this.set({ error: `Could not read the model catalog: ${errorText(e)}` });
    }
  }

  /** The worker is going: its run and its models go with it. */
  detach(): void {
    this.api = null;
    this.abandon?.();
    this.set({ runs: this.state.runs.map((r) => ({ ...r, modelKept: false })) });
  }

  private saveUrl(): void {
    const { catalog, kind, preset, settings, quick } = this.state;
    if (catalog && settings) writeNcfUrl(catalog, { kind, preset, settings, quick });
  }

  setKind = (kind: ModelKind): void => {
    const { catalog, settings, preset } = this.state;
    if (!catalog || !settings) return;
    // A preset keeps its data and training settings for another model; only the loss follows the model.
    const model = baseSettings(catalog, kind, preset).model;
    const train = { ...settings.train, loss: catalog.lossFor[kind][settings.train.loss] };
    this.set({ kind, settings: { ...settings, model, train } });
    this.saveUrl();
  };

  /** A preset sets the model, the training and the Data stage's preparation; null keeps the settings. */
  setPreset = (id: PresetId | null): void => {
    const { catalog } = this.state;
    if (!catalog) return;
    const preset = catalog.presets.find((p) => p.id === id);
    if (!preset) {
      this.set({ preset: null });
      this.saveUrl();
      return;
    }
    const kind = preset.model.kind;
    this.set({ preset: preset.id, kind, settings: baseSettings(catalog, kind, preset.id) });
    this.host.setPrep(preset.prep);
    this.saveUrl();
  };

  setSettings = (settings: NcfSettings): void => {
    this.set({ settings });
    this.saveUrl();
  };

  setQuick = (quick: QuickLook): void => {
    this.set({ quick });
    this.saveUrl();
  };

  train = async (): Promise<void> => {
    const { settings, live, preset, quick } = this.state;
    const lab = this.host.getSnapshot();
    const api = this.api;
    const ds = lab.dataset;
    if (!api || !settings || !ds || live) return;
    const config: ExperimentConfig = structuredClone({ prep: lab.prepConfig, ...settings });
    const no = (this.state.runs.at(-1)?.no ?? 0) + 1;
    const jobId = `train-${++this.jobCounter}`;
    this.phaseOffset = 0;
    this.set({
      error: null,
      live: {
        jobId,
        no,
        preset,
        config,
        datasetName: ds.name,
        phase: 'starting',
        paused: false,
        stopping: false,
        progress: null,
        batches: [],
        epochs: [],
      },
    });
    const abandoned = new Promise<null>((resolve) => (this.abandon = () => resolve(null)));
    let out;
    try {
      const work = api.train(
        jobId,
        ds.handle,
        config,
        { maxUsers: quick.on ? quick.users : null },
        proxy((e: TrainEvent) => this.onEvent(jobId, e)),
      );
      out = await Promise.race([work, abandoned]);
    } catch (e) {
      out = { ok: false as const, reason: errorText(e), cancelled: false };
    }
    this.abandon = null;
    const ended = this.state.live;
    if (!out || ended?.jobId !== jobId) {
      if (ended?.jobId === jobId) this.set({ live: null });
      return;
    }
    if (!out.ok) {
      this.set({ live: null, error: out.cancelled ? null : out.reason });
      return;
    }
    this.finish(ended, out.value);
  };

  private finish(live: LiveRun, result: RunResult): void {
    const runs = [
      ...this.state.runs,
      {
        no: live.no,
        preset: live.preset,
        result,
        batches: live.batches,
        epochs: live.epochs,
        modelKept: true,
      },
    ];
    // The worker has released the models beyond its last few (see KEPT_RUNS).
    const kept = runs.filter((r) => r.modelKept).slice(-KEPT_RUNS);
    this.set({ live: null, runs: runs.map((r) => (kept.includes(r) ? r : { ...r, modelKept: false })) });
    const user = this.state.recs?.userId ?? result.exampleUsers[0];
    if (user !== undefined) void this.recommend(user, this.state.recs?.k ?? 10, live.no);
  }

  private onEvent(jobId: string, e: TrainEvent): void {
    const live = this.state.live;
    if (!live || live.jobId !== jobId) return;
    switch (e.type) {
      case 'phase':
        this.phaseOffset = Math.ceil(live.batches.at(-1)?.x ?? 0);
        this.set({ live: { ...live, phase: e.phase } });
        return;
      case 'progress': {
        const b = e.batch;
        if (!Number.isFinite(b.smoothedLoss)) return;
        const x = this.phaseOffset + b.epoch - 1 + b.batch / Math.max(1, b.batches);
        const batches = pushPoint(live.batches, { x, loss: b.loss, smoothed: b.smoothedLoss });
        this.set({ live: { ...live, phase: e.phase, progress: e.progress, batches } });
        return;
      }
      case 'epoch':
        this.set({ live: { ...live, epochs: [...live.epochs, { phase: e.phase, report: e.report }] } });
        return;
    }
  }

  private control(action: 'pause' | 'resume' | 'stop' | 'cancel'): void {
    const live = this.state.live;
    if (!live || !this.api) return;
    void this.api[action](live.jobId);
    if (action === 'cancel') {
      this.abandon?.();
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
    const base: RecsState = { runNo: run.no, userId, k, loading: true, result: null, error: null };
    this.set({ recs: base });
    if (!run.modelKept || !this.api) {
      this.set({ recs: { ...base, loading: false, error: 'That model is no longer kept; train it again.' } });
      return;
    }
    const r = await this.api
      .recommend(run.result.runHandle, userId, k)
      .catch((e: unknown) => ({ ok: false as const, reason: errorText(e) }));
    if (request !== this.recsRequest) return;
    this.set({
      recs: r.ok
        ? { ...base, loading: false, result: r.value }
        : { ...base, loading: false, error: r.reason },
    });
  };

  /** Forgets every finished run and frees their models in the worker. */
  clearRuns = (): void => {
    for (const r of this.state.runs) if (r.modelKept) void this.api?.releaseRun(r.result.runHandle);
    this.set({ runs: [], recs: null });
  };
}
