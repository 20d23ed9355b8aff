/**
 * The worker side of every training stage: find the family in the registry, prepare its material once,
 * train and evaluate with the same `runExperiment` the CLI calls, stream progress, and keep the trained
 * model (a few per stage) for recommendations and for the Similarity stage's item vectors.
 */
import * as Comlink from 'comlink';
import type { Dataset } from '../data/types';
import { csrHas, csrRow } from '../data/split';
import { family as findFamily } from '../models/registry';
import { formatSummary } from '../models/summary';
import type { ModelFamily, SplitView, TrainedModel } from '../train/family';
import { runExperiment } from '../train/experiment';
import type { BatchReport } from '../train/loop';
import { recommend as topRecommendations } from '../train/recommend';
import type { ExperimentConfig } from '../train/spec';
import type { DatasetStore } from './datasets';
import { runJob, type JobRegistry } from './jobs';
import {
  KEPT_RUNS,
  type RecItem,
  type Recommendations,
  type RunResult,
  type TrainCallback,
  type TrainingApi,
  type TrainOptions,
} from './protocol';

/**
 * A finished run's model with what recommendations and stage-specific calls need (its family, config and
 * training material); it keeps the dataset alive until released.
 */
export interface KeptRun {
  stage: string;
  family: ModelFamily;
  config: ExperimentConfig;
  model: TrainedModel;
  data: unknown;
  view: SplitView;
  ds: Dataset;
  userIndex: Map<string, number> | null;
}

/** The models the worker keeps, a few per stage; stage APIs (two-tower scoring, similarity) read them here. */
export class RunStore {
  private readonly runs = new Map<string, KeptRun>();
  private next = 1;

  get(handle: string): KeptRun | undefined {
    return this.runs.get(handle);
  }

  handles(): string[] {
    return [...this.runs.keys()];
  }

  release(handle: string): void {
    this.runs.get(handle)?.model.dispose();
    this.runs.delete(handle);
  }

  /** Keeps a run and releases the oldest of its stage beyond KEPT_RUNS; returns the released handles. */
  keep(run: KeptRun): { handle: string; released: string[] } {
    const handle = `run#${this.next++}`;
    this.runs.set(handle, run);
    const same = [...this.runs.entries()].filter(([, r]) => r.stage === run.stage).map(([h]) => h);
    const released = same.slice(0, Math.max(0, same.length - KEPT_RUNS));
    for (const old of released) this.release(old);
    return { handle, released };
  }

  /** A user's dense index from the id in the source, or null. */
  userIndex(run: KeptRun, userId: string): number | null {
    run.userIndex ??= new Map(run.ds.userIds.map((id, u) => [id, u]));
    return run.userIndex.get(userId.trim()) ?? null;
  }
}

const EXAMPLE_USERS = 12;
const HISTORY_SHOWN = 10;

export function itemOf(ds: Dataset, item: number): RecItem {
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
    if (x.user[r] !== user || !csrHas(run.view.trainSeen, user, x.item[r])) continue;
    latest.set(x.item[r], { rating: x.rating ? x.rating[r] : null, time: x.timestamp ? x.timestamp[r] : r });
  }
  return [...latest.entries()]
    .sort(([, a], [, b]) => (b.rating ?? 0) - (a.rating ?? 0) || b.time - a.time)
    .slice(0, HISTORY_SHOWN)
    .map(([item, v]) => ({ ...itemOf(run.ds, item), rating: v.rating }));
}

export function createTrainingApi(jobs: JobRegistry, store: DatasetStore, runs: RunStore) {
  return {
    train(
      jobId: string,
      handle: string,
      familyId: string,
      config: ExperimentConfig,
      options: TrainOptions,
      onEvent: TrainCallback,
    ) {
      return runJob(jobs, jobId, async (job) => {
        const fam: ModelFamily | undefined = findFamily(familyId);
        if (!fam) return { ok: false, reason: `No model family '${familyId}'.` };
        onEvent({ type: 'phase', phase: 'preparing the data' });
        // The material may need preparing, synchronously: let the phase message reach the UI first.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const prepared = store.prepare(handle, fam.prepKey(config), options.maxUsers, (d) =>
          fam.prepare(d, config),
        );
        if (!prepared.ok) return prepared;
        const { ds, data, capped } = prepared.value;
        const view = fam.view(data);

        let phase = 'training';
        let batch: BatchReport | null = null;
        const res = await runExperiment(fam, data, config, {
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
        let evaluation = res.evaluation;
        // A stop aborts runExperiment's evaluation too; the partial model deserves the full one.
        if (job.stopRequested && !job.signal.aborted) {
          onEvent({ type: 'phase', phase: 'evaluating' });
          evaluation = await fam.evaluate(res.model, data, config, { signal: job.signal });
        }
        if (job.signal.aborted) {
          res.model.dispose();
          return { ok: false, reason: 'Cancelled' };
        }
        const embeddingBlocks = (await res.model.itemEmbeddings()).map((e) => e.name);
        const kept = runs.keep({
          stage: options.stage ?? fam.spec.stage,
          family: fam,
          config,
          model: res.model,
          data,
          view,
          ds,
          userIndex: null,
        });
        const train = res.train;
        const examples = new Set<number>();
        for (const u of view.test.user) {
          if (examples.size >= EXAMPLE_USERS) break;
          examples.add(u);
        }
        const result: RunResult = {
          runHandle: kept.handle,
          family: fam.spec.id,
          config,
          dataset: { id: ds.id, name: ds.name },
          history: res.history,
          phases: res.phases,
          metrics: evaluation.metrics,
          metricLabels: evaluation.labels,
          warnings: evaluation.warnings,
          detail: evaluation.detail,
          summary: res.summary,
          summaryText: formatSummary(res.summary),
          // A divergence outranks a stop: the model holds older weights than the user may think.
          stopped:
            res.stopped === 'diverged'
              ? 'diverged'
              : job.stopRequested
                ? 'stopped'
                : res.stopped === 'early-stopping'
                  ? 'early-stopping'
                  : 'completed',
          divergence: res.divergence,
          bestEpoch: train?.bestEpoch ?? null,
          trainSeconds: train?.trainSeconds ?? 0,
          samples: train?.samples ?? 0,
          samplesPerSecond: train?.samplesPerSecond ?? 0,
          steps: train?.steps ?? 0,
          backend: res.backend,
          notes: [...res.notes, ...view.notes],
          exampleUsers: [...examples].map((u) => ds.userIds[u]),
          users: ds.nUsers,
          maxUsers: capped ? options.maxUsers : null,
          embeddingBlocks,
          released: kept.released,
        };
        return { ok: true, value: result };
      });
    },

    async recommend(runHandle: string, userId: string, k: number) {
      const run = runs.get(runHandle);
      if (!run)
        return { ok: false as const, reason: 'That model is no longer kept in the worker; train it again.' };
      const user = runs.userIndex(run, userId);
      if (user === null) return { ok: false as const, reason: `No user '${userId}' in ${run.ds.name}.` };
      const top = await topRecommendations(
        run.model,
        user,
        Math.max(1, Math.min(100, Math.round(k))),
        run.view.trainSeen,
      );
      const heldOut: RecItem[] = [];
      const t = run.view.test;
      for (let j = 0; j < t.user.length; j++) if (t.user[j] === user) heldOut.push(itemOf(run.ds, t.item[j]));
      const value: Recommendations = {
        userId: run.ds.userIds[user],
        scoreKind: run.model.scoreKind,
        items: top.map((r) => ({ ...itemOf(run.ds, r.item), score: r.score, probability: r.probability })),
        history: history(run, user),
        historyTotal: csrRow(run.view.trainSeen, user).length,
        heldOut,
      };
      return { ok: true as const, value };
    },

    async embeddings(runHandle: string) {
      const run = runs.get(runHandle);
      if (!run)
        return { ok: false as const, reason: 'That model is no longer kept in the worker; train it again.' };
      const blocks = await run.model.itemEmbeddings();
      return Comlink.transfer(
        { ok: true as const, value: blocks },
        blocks.map((b) => b.vectors.buffer as ArrayBuffer),
      );
    },

    async keptRuns() {
      return runs.handles();
    },

    releaseRun(runHandle: string) {
      runs.release(runHandle);
    },
  } satisfies TrainingApi;
}
