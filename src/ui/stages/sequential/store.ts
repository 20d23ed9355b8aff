/**
 * The Sequential stage's store: the shared training store, plus the worker's sequential calls (next
 * items after a user's history or a hand-built sequence, and the title search that builds one) on the
 * runs it keeps.
 */
import type { Result } from '../../../data/types';
import type { ExperimentConfig } from '../../../train/spec';
import type { LabWorker } from '../../../worker/client';
import type { NextItems, SequenceInput, TitleMatch } from '../../../worker/protocol';
import { TrainingStore, type RunRecord } from '../../training/store';

type Api = LabWorker['api'];

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** One kept run's answer to "what comes next". */
export interface Column {
  run: RunRecord;
  answer: Result<NextItems>;
}

export class SeqStore extends TrainingStore<ExperimentConfig> {
  private seqApi: Api | null = null;

  override attach(api: Api): void {
    super.attach(api);
    this.seqApi = api;
  }

  override detach(): void {
    this.seqApi = null;
    super.detach();
  }

  private async ask<T>(call: (api: Api) => Promise<Result<T>>): Promise<Result<T>> {
    const api = this.seqApi;
    if (!api) return { ok: false, reason: 'The lab worker is not running.' };
    try {
      return await call(api);
    } catch (e) {
      return { ok: false, reason: errorText(e) };
    }
  }

  /** Every run's top K after the same input, in the order of `runs`. */
  async predict(runs: RunRecord[], input: SequenceInput, k: number, excludeSeen: boolean): Promise<Column[]> {
    return Promise.all(
      runs.map(async (run) => ({
        run,
        answer: await this.ask((api) => api.predictNext(run.result.runHandle, input, k, excludeSeen)),
      })),
    );
  }

  search(run: RunRecord, query: string, limit: number): Promise<Result<TitleMatch[]>> {
    return this.ask((api) => api.searchSequenceItems(run.result.runHandle, query, limit));
  }
}
