/**
 * The generic training stage on the UI side, without React or a worker: settings from and to the URL
 * under the stage's prefix, the live-run reducer, and the store's run history, coalesced progress and
 * released models, driven by a fake worker.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NCF_SPEC } from '../../../src/models/ncf/spec';
import type { ExperimentConfig, FamilySpec } from '../../../src/train/spec';
import { applyEvent, pushPoint, startLive, shownEpochs } from '../../../src/ui/training/live';
import { applyPatch, readStageUrl, switchKind, writeStageUrl } from '../../../src/ui/training/settings';
import { TrainingStore } from '../../../src/ui/training/store';
import type { LabHost } from '../../../src/ui/stages/types';
import type { EpochReport, RunResult, TrainEvent } from '../../../src/worker/protocol';
import { fakeWindow } from '../../helpers/window';
import { niceTicks, tickLabels } from '../../../src/ui/training/LiveCurve';
import { divergedText, fmtEta, fmtRate, fmtRateShort, progressParts } from '../../../src/ui/training/format';

const spec: FamilySpec = NCF_SPEC;

describe('stage settings in the URL', () => {
  beforeEach(() => fakeWindow());

  it('starts from the preset for the chosen model, with the loss the model needs', () => {
    const paper = NCF_SPEC.base('neumf', 'ncf-paper');
    expect(paper.train.batchSize).toBe(256);
    const bpr = NCF_SPEC.base('bpr', null);
    expect(bpr.model.kind).toBe('bpr');
    expect(bpr.train.loss).toBe('bpr');
    expect(NCF_SPEC.base('gmf', null).train.loss).toBe('bce');
    // Switching model keeps the training settings that still apply, and the loss the model is defined by.
    const gmf = switchKind(NCF_SPEC, { ...bpr, train: { ...bpr.train, epochs: 7 } }, 'gmf', null);
    expect(gmf.model.kind).toBe('gmf');
    expect(gmf.train).toMatchObject({ epochs: 7, loss: 'bce' });
  });

  it('takes valid fields and keeps the base for the rest', () => {
    const base = NCF_SPEC.base('neumf', 'ncf-paper');
    const s = applyPatch(NCF_SPEC, base, {
      model: { mlpLayers: [64, 32], activation: 'tanh', kind: 'mf' },
      train: { epochs: 3, optimizer: 'sgd', earlyStopping: { patience: 4 }, lrSchedule: 'cosine' },
      eval: { k: 5 },
    });
    expect(s.model).toMatchObject({ kind: 'neumf', mlpLayers: [64, 32], activation: 'tanh', gmfDim: 8 });
    expect(s.train).toMatchObject({ epochs: 3, optimizer: 'sgd', lr: 0.001, lrSchedule: 'cosine' });
    expect(s.train.earlyStopping).toEqual({ patience: 4, restoreBest: true });
    expect(s.eval.k).toBe(5);
  });

  it('rejects out-of-range numbers, unknown options, wrong types, losses the model cannot take and stray keys', () => {
    const base = NCF_SPEC.base('neumf', null);
    const s = applyPatch(NCF_SPEC, base, {
      model: { gmfDim: -1, mlpLayers: [32, 0], activation: 'gelu', dropout: 'a lot', evil: 1 },
      train: { epochs: 0, batchSize: 1.5, lr: Number.NaN, optimizer: 'rmsprop', pretrain: 7, loss: 'warp' },
      eval: { fullRanking: 'yes', k: 1e9 },
    });
    expect(s).toEqual(base);
    expect(applyPatch(NCF_SPEC, base, 'not an object')).toEqual(base);
    const on = applyPatch(
      NCF_SPEC,
      { ...base, train: { ...base.train, earlyStopping: { patience: 3, restoreBest: true } } },
      {
        train: { earlyStopping: null },
      },
    );
    expect(on.train.earlyStopping).toBeNull();
  });

  it('round-trips through the URL under the stage prefix, writing only what differs', () => {
    const w = fakeWindow();
    const base = NCF_SPEC.base('mf', null);
    const config = { ...base, train: { ...base.train, epochs: 5 } };
    writeStageUrl(NCF_SPEC, 'ncf', { kind: 'mf', preset: null, config, quick: { on: true, users: 50 } });
    const params = w.url().searchParams;
    expect(params.get('ncf.model')).toBe('mf');
    expect(JSON.parse(params.get('ncf.cfg') ?? '{}')).toEqual({ train: { epochs: 5 } });
    expect(params.get('ncf.users')).toBe('50');
    const back = readStageUrl(NCF_SPEC, 'ncf');
    expect(back).toMatchObject({ kind: 'mf', preset: null, quick: { on: true, users: 50 } });
    expect(back.config.train.epochs).toBe(5);
    // Another stage's keys are its own.
    expect(readStageUrl(NCF_SPEC, 'other').kind).toBe(NCF_SPEC.defaultKind);
  });

  it('falls back to the base on a mangled link', () => {
    fakeWindow('?ncf.model=nope&ncf.cfg=%7Bbroken&ncf.users=3');
    const s = readStageUrl(NCF_SPEC, 'ncf');
    expect(s.kind).toBe(NCF_SPEC.defaultKind);
    expect(s.config).toEqual(NCF_SPEC.base(NCF_SPEC.defaultKind, null));
    expect(s.quick.on).toBe(false);
  });
});

const epoch = (n: number, extra: Partial<EpochReport> = {}): EpochReport => ({
  epoch: n,
  loss: 1 / n,
  valLoss: null,
  metric: { name: 'val hr@10', value: 0.1 * n },
  metrics: {},
  baseline: null,
  lr: 0.001,
  trainSeconds: 1,
  samplesPerSecond: 1000,
  ...extra,
});

const progress = (e: number, batch: number, loss = 0.5): TrainEvent => ({
  type: 'progress',
  phase: 'training',
  progress: {
    epoch: e,
    epochs: 3,
    batch,
    batches: 10,
    samplesPerSecond: 5,
    etaSeconds: null,
    elapsedSeconds: 1,
    samples: batch * 10,
    epochEtaSeconds: null,
    loss,
  },
  batch: { epoch: e, batch, batches: 10, loss, smoothedLoss: loss },
});

describe('the live-run reducer', () => {
  const cfg = spec.base('mf', null);

  it('folds phases, progress and epochs, and runs the batch curve on across phases', () => {
    let live = startLive('j', 1, null, cfg, 'ds');
    live = applyEvent(live, { type: 'phase', phase: 'pretraining GMF' });
    live = applyEvent(live, progress(1, 10));
    live = applyEvent(live, { type: 'epoch', phase: 'pretraining GMF', report: epoch(1) });
    live = applyEvent(live, { type: 'phase', phase: 'training' });
    live = applyEvent(live, progress(1, 5));
    expect(live.batches.map((b) => b.x)).toEqual([1, 1.5]);
    expect(live.phase).toBe('training');
    live = applyEvent(live, { type: 'epoch', phase: 'training', report: epoch(1) });
    expect(shownEpochs(live.epochs)).toMatchObject({ phase: 'training', shown: [{ phase: 'training' }] });
    // A loss that is not a number draws nothing.
    expect(applyEvent(live, progress(1, 6, Number.NaN))).toBe(live);
  });

  it('keeps long curves short by merging neighbours', () => {
    let pts: ReturnType<typeof pushPoint> = [];
    for (let k = 0; k < 1000; k++) pts = pushPoint(pts, { x: k, loss: k, smoothed: k }, 100);
    expect(pts.length).toBeLessThanOrEqual(100);
    expect(pts.at(-1)?.x).toBe(999);
    expect(pts.every((p, j) => j === 0 || p.x > pts[j - 1].x)).toBe(true);
  });
});

type Emit = (e: TrainEvent) => void;

/** A worker that answers `train` when told to, and records what it was asked. */
function fakeApi() {
  const calls: { family: string; config: ExperimentConfig; emit: Emit }[] = [];
  let answer: ((r: unknown) => void) | null = null;
  const api = {
    train: vi.fn(
      (_j: string, _h: string, family: string, config: ExperimentConfig, _o: unknown, emit: Emit) => {
        calls.push({ family, config, emit });
        return new Promise((resolve) => (answer = resolve));
      },
    ),
    recommend: vi.fn(async () => ({ ok: false, reason: 'not in this test' })),
    releaseRun: vi.fn(),
    pause: vi.fn(),
    resume: vi.fn(),
    stop: vi.fn(),
    cancel: vi.fn(),
  };
  return { api, calls, answer: (r: unknown) => answer?.(r) };
}

function result(handle: string, released: string[] = []): RunResult {
  return {
    runHandle: handle,
    family: 'ncf',
    config: spec.base('mf', null),
    dataset: { id: 'ds', name: 'ds' },
    history: [epoch(1)],
    phases: [],
    metrics: { 'hr@10': 0.5 },
    metricLabels: {},
    warnings: [],
    detail: null,
    summary: { title: 'MF', rows: [], totalParams: 1, trainableParams: 1, storage: '' },
    summaryText: '',
    stopped: 'completed',
    divergence: [],
    bestEpoch: null,
    trainSeconds: 1,
    samples: 10,
    samplesPerSecond: 10,
    steps: 1,
    backend: 'cpu',
    notes: [],
    exampleUsers: [],
    users: 3,
    maxUsers: null,
    embeddingBlocks: ['factors'],
    released,
  };
}

describe('the training store', () => {
  beforeEach(() => {
    fakeWindow();
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  const host = () =>
    ({
      getSnapshot: () =>
        ({
          dataset: { handle: 'h1', name: 'ds' },
          phase: 'ready',
          prepConfig: { ...(spec.base('mf', null).prep as object), negativesPerPositive: 9 },
        }) as unknown as ReturnType<LabHost['getSnapshot']>,
      subscribe: () => () => undefined,
      setPrep: vi.fn(),
      stageStore: () => undefined,
    }) satisfies LabHost;

  it('trains with the Data stage’s preparation, coalesces progress, and records the run', async () => {
    const store = new TrainingStore('ncf', spec, host());
    const w = fakeApi();
    store.attach(w.api as never);
    store.setKind('mf');
    const renders = vi.fn();
    store.subscribe(renders);
    const run = store.train();
    const call = w.calls[0];
    expect(call.family).toBe('ncf');
    expect((call.config.prep as { negativesPerPositive: number }).negativesPerPositive).toBe(9);
    renders.mockClear();
    for (let b = 1; b <= 50; b++) call.emit(progress(1, (b % 10) + 1));
    // Fifty progress messages at once: the store publishes after its interval, not fifty times.
    expect(renders).toHaveBeenCalledTimes(0);
    vi.advanceTimersByTime(250);
    expect(renders).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot().live?.batches).toHaveLength(50);
    call.emit({ type: 'epoch', phase: 'training', report: epoch(1) });
    expect(store.getSnapshot().live?.epochs).toHaveLength(1);
    w.answer({ ok: true, value: result('run#1'), millis: 5 });
    await run;
    expect(store.getSnapshot().live).toBeNull();
    expect(store.getSnapshot().runs).toMatchObject([{ no: 1, modelKept: true }]);
    expect(store.status()).toBe('1 run');
  });

  it('marks the models the worker says it released, and forgets a cancelled run', async () => {
    const store = new TrainingStore('ncf', spec, host());
    const w = fakeApi();
    store.attach(w.api as never);
    const first = store.train();
    w.answer({ ok: true, value: result('run#1'), millis: 1 });
    await first;
    const second = store.train();
    w.answer({ ok: true, value: result('run#2', ['run#1']), millis: 1 });
    await second;
    expect(store.getSnapshot().runs.map((r) => r.modelKept)).toEqual([false, true]);
    const third = store.train();
    store.cancel();
    await third;
    expect(w.api.cancel).toHaveBeenCalled();
    expect(store.getSnapshot().live).toBeNull();
    expect(store.getSnapshot().runs).toHaveLength(2);
  });

  it('sets the Data stage’s preparation when a preset is picked, and loses its models with the worker', async () => {
    const h = host();
    const store = new TrainingStore('ncf', spec, h);
    store.setPreset('004');
    expect(store.getSnapshot().settings.preset).toBe('004');
    expect(h.setPrep).toHaveBeenCalledWith(expect.objectContaining({ negativesPerPositive: 1 }));
    const w = fakeApi();
    store.attach(w.api as never);
    const run = store.train();
    w.answer({ ok: true, value: result('run#1'), millis: 1 });
    await run;
    store.detach();
    expect(store.getSnapshot().runs[0].modelKept).toBe(false);
  });
});

describe('live curve ticks', () => {
  it('label a narrow range with distinct figures, every range with the decimals its step needs', () => {
    const narrow = tickLabels(niceTicks(7.4312, 7.4348, 4));
    expect(new Set(narrow).size).toBe(narrow.length);
    expect(narrow).toEqual(['7.432', '7.433', '7.434']);
    expect(tickLabels(niceTicks(0, 10, 4))).toEqual(['0.0', '2.5', '5.0', '7.5', '10.0']);
    expect(tickLabels(niceTicks(0, 0.06, 4))).toEqual(['0.00', '0.02', '0.04', '0.06']);
    expect(tickLabels(niceTicks(100, 400, 3))).toEqual(['100', '200', '300', '400']);
  });
});

describe('the train bar on a long epoch', () => {
  // An epoch of 10M rows at about 8,000 samples/s, then the same at 1.2M samples/s.
  const long = {
    epoch: 1,
    epochs: 3,
    batch: 1200,
    batches: 39_063,
    samplesPerSecond: 8189,
    etaSeconds: 3 * 1221 - 147,
    elapsedSeconds: 147,
    samples: 1_200 * 256,
    epochEtaSeconds: 1074,
    loss: 0.41,
  };

  it('shows the rows per second and the time left in the epoch and in the run, readably', () => {
    expect(progressParts(long)).toEqual([
      'epoch 1 of 3',
      'batch 1,200 of 39,063',
      '8,189 samples/s',
      'ETA 18 min for this epoch, 59 min for the run',
      '2 min 27 s training',
    ]);
    expect(
      progressParts({ ...long, samplesPerSecond: 1_234_567, etaSeconds: 840, epochEtaSeconds: 300 }),
    ).toEqual([
      'epoch 1 of 3',
      'batch 1,200 of 39,063',
      '1.23M samples/s',
      'ETA 5 min for this epoch, 14 min for the run',
      '2 min 27 s training',
    ]);
    // The last epoch's time left is the run's; before the speed settles, no guess.
    expect(progressParts({ ...long, epoch: 3, etaSeconds: 40, epochEtaSeconds: 40 })[3]).toBe('ETA 40 s');
    expect(progressParts({ ...long, etaSeconds: null, epochEtaSeconds: null })[3]).toBe(
      'ETA once the speed settles',
    );
  });

  it('formats rates and times left for large numbers', () => {
    expect([0, 950, 8189, 48_213, 482_000, 1_200_000].map(fmtRateShort)).toEqual([
      '—',
      '950 samples/s',
      '8,189 samples/s',
      '48.2K samples/s',
      '482K samples/s',
      '1.2M samples/s',
    ]);
    // The finished run's figure stays exact (the browser tests read it as digits and commas).
    expect(fmtRate(1_234_567)).toBe('1,234,567 samples/s');
    expect([0.2, 48, 840, 7500, NaN].map(fmtEta)).toEqual(['1 s', '48 s', '14 min', '2 h 5 min', '—']);
  });
});

describe('a diverged run', () => {
  it('is told as an error with the loop’s note, only when it diverged', () => {
    const note =
      'the loss became NaN at epoch 1, step 37; kept the weights of epoch 0 (before training) — lower the learning rate (now 10)';
    expect(divergedText({ stopped: 'diverged', divergence: [note] })).toBe(
      'The loss became NaN at epoch 1, step 37; kept the weights of epoch 0 (before training) — lower the learning rate (now 10).',
    );
    expect(divergedText({ stopped: 'completed', divergence: [] })).toBeNull();
    expect(divergedText({ stopped: 'stopped', divergence: [] })).toBeNull();
  });
});
