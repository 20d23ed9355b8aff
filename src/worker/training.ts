/**
 * The worker side of the NCF stage: train a model on a prepared split with the engine's `runExperiment`
 * (the same call the CLI makes), stream its progress, and keep the trained model for recommendations.
 */
import type { Dataset, PrepConfig, PreparedSplit, Result } from '../data/types';
import { csrHas, csrRow } from '../data/split';
import { formatSummary, type Recommender } from '../models';
import { evaluate, flattenMetrics } from '../metrics/evaluate';
import { runExperiment, type ExperimentConfig } from '../train/experiment';
import type { BatchReport } from '../train/loop';
import { recommend as topRecommendations } from '../train/recommend';
import { buildCatalog } from './catalog';
import { runJob, type JobRegistry } from './jobs';
import {
  KEPT_RUNS,
  type RecItem,
  type Recommendations,
  type RunResult,
  type TrainCallback,
  type TrainOptions,
} from './protocol';

/** A split with the dataset it was cut from (a quick look's subset, or the whole of it). */
export interface Prepared {
  ds: Dataset;
  split: PreparedSplit;
  /** Whether `ds` is a quick look's subset. */
  capped: boolean;
}

interface Deps {
  jobs: JobRegistry;
  splitFor(handle: string, config: PrepConfig, maxUsers: number | null): Result<Prepared>;
}

/** A finished run's model with what recommendations need; it keeps the dataset alive until released. */
interface KeptRun {
  model: Recommender;
  split: PreparedSplit;
  ds: Dataset;
  userIndex: Map<string, number> | null;
}

const EXAMPLE_USERS = 12;
const HISTORY_SHOWN = 10;

function itemOf(ds: Dataset, item: number): RecItem {
  const meta = ds.items;
  const genres: string[] = [];
  if (meta) {
    const mask = meta.genreMask[item];
    meta.genreNames.forEach((name, g) => {
      if (mask & (1 << g)) genres.push(name);
    });
  }
  return { item, id: ds.itemIds[item], title: meta?.title[item] || null, genres };
}

/** The user's training items with their rating and time, highest rated (then latest) first. */
function history(run: KeptRun, user: number): Recommendations['history'] {
  const x = run.ds.interactions;
  const latest = new Map<number, { rating: number | null; time: number }>();
  // One pass over the rows: cheap next to scoring every item, and it needs no per-user index kept around.
  for (let r = 0; r < x.user.length; r++) {
    if (x.user[r] !== user || !csrHas(run.split.trainSeen, user, x.item[r])) continue;
    latest.set(x.item[r], { rating: x.rating ? x.rating[r] : null, time: x.timestamp ? x.timestamp[r] : r });
  }
  return [...latest.entries()]
    .sort(([, a], [, b]) => (b.rating ?? 0) - (a.rating ?? 0) || b.time - a.time)
    .slice(0, HISTORY_SHOWN)
    .map(([item, v]) => ({ ...itemOf(run.ds, item), rating: v.rating }));
}

export function createTrainingApi(deps: Deps) {
  const runs = new Map<string, KeptRun>();
  let nextRun = 1;

  function keepRun(run: KeptRun): string {
    const handle = `run#${nextRun++}`;
    runs.set(handle, run);
    for (const old of [...runs.keys()].slice(0, Math.max(0, runs.size - KEPT_RUNS))) release(old);
    return handle;
  }

  function release(handle: string): void {
    runs.get(handle)?.model.dispose();
    runs.delete(handle);
  }

  return {
    async ncfCatalog() {
      return buildCatalog();
    },

    train(
      jobId: string,
      handle: string,
      config: ExperimentConfig,
      options: TrainOptions,
      onEvent: TrainCallback,
    ) {
      return runJob(deps.jobs, jobId, async (job) => {
        onEvent({ type: 'phase', phase: 'preparing the split' });
        // The split may need preparing, synchronously: let the phase message reach the UI first.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const prepared = deps.splitFor(handle, config.prep, options.maxUsers);
        if (!prepared.ok) return prepared;
        const { ds, split, capped } = prepared.value;

        let phase = 'training';
        let batch: BatchReport | null = null;
        const res = await runExperiment(split, config, {
          signal: job.stopSignal,
          pauseGate: () => job.whilePaused(),
          onPhase: (p) => {
            phase = p;
            onEvent({ type: 'phase', phase: p });
          },
          onBatch: (b) => (batch = b),
          onProgress: (progress) => {
            if (batch) onEvent({ type: 'progress', phase, progress, batch });
          },
          onEpoch: (report) => onEvent({ type: 'epoch', phase, report }),
        });
        let metrics = res.metrics;
        // A stop aborts runExperiment's evaluation too; the partial model deserves the full one.
        if (job.stopRequested && !job.signal.aborted) {
          onEvent({ type: 'phase', phase: 'evaluating' });
          metrics = await evaluate(res.model, split, config.prep.split.kind, config.eval, {
            signal: job.signal,
          });
        }
        if (job.signal.aborted) {
          res.model.dispose();
          return { ok: false, reason: 'Cancelled' };
        }
        const runHandle = keepRun({ model: res.model, split: split, ds, userIndex: null });
        const train = res.train;
        const examples = new Set<number>();
        for (const u of split.test.user) {
          if (examples.size >= EXAMPLE_USERS) break;
          examples.add(u);
        }
        const result: RunResult = {
          runHandle,
          config,
          dataset: { id: ds.id, name: ds.name },
          history: res.history,
          pretraining: res.pretraining,
          metrics,
          flat: metrics === res.metrics ? res.flat : flattenMetrics(metrics),
          summary: res.summary,
          summaryText: formatSummary(res.summary),
          stopped: job.stopRequested
            ? 'stopped'
            : train?.stopped === 'early-stopping'
              ? 'early-stopping'
              : 'completed',
          bestEpoch: train?.bestEpoch ?? null,
          trainSeconds: train?.trainSeconds ?? 0,
          samples: train?.samples ?? 0,
          samplesPerSecond: train?.samplesPerSecond ?? 0,
          steps: train?.steps ?? 0,
          backend: res.backend,
          notes: [...(train?.notes ?? []), ...split.notes],
          exampleUsers: [...examples].map((u) => ds.userIds[u]),
          users: ds.nUsers,
          maxUsers: capped ? options.maxUsers : null,
        };
        return { ok: true, value: result };
      });
    },

    async recommend(runHandle: string, userId: string, k: number): Promise<Result<Recommendations>> {
      const run = runs.get(runHandle);
      if (!run) return { ok: false, reason: 'That model is no longer kept in the worker; train it again.' };
      run.userIndex ??= new Map(run.ds.userIds.map((id, u) => [id, u]));
      const user = run.userIndex.get(userId.trim());
      if (user === undefined) return { ok: false, reason: `No user '${userId}' in ${run.ds.name}.` };
      const top = await topRecommendations(
        run.model,
        user,
        Math.max(1, Math.min(100, Math.round(k))),
        run.split.trainSeen,
      );
      const heldOut: RecItem[] = [];
      const t = run.split.test;
      for (let j = 0; j < t.user.length; j++) if (t.user[j] === user) heldOut.push(itemOf(run.ds, t.item[j]));
      return {
        ok: true,
        value: {
          userId: run.ds.userIds[user],
          scoreKind: run.model.scoreKind,
          items: top.map((r) => ({ ...itemOf(run.ds, r.item), score: r.score, probability: r.probability })),
          history: history(run, user),
          historyTotal: csrRow(run.split.trainSeen, user).length,
          heldOut,
        },
      };
    },

    releaseRun(runHandle: string) {
      release(runHandle);
    },
  };
}
