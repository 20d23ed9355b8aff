/**
 * The Two-tower stage's store: the shared training store, plus the worker's Two-tower calls (feature
 * pages, a genre profile's top movies, an existing user's table) on the runs it keeps.
 */
import type { Result } from '../../../data/types';
import type { ExperimentConfig } from '../../../train/spec';
import type { LabWorker } from '../../../worker/client';
import { TrainingStore } from '../../training/store';

type Api = LabWorker['api'];

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class TowerStore extends TrainingStore<ExperimentConfig> {
  private towerApi: Api | null = null;

  override attach(api: Api): void {
    super.attach(api);
    this.towerApi = api;
  }

  override detach(): void {
    this.towerApi = null;
    super.detach();
  }

  /** One worker call's answer; no worker, or a call that rejects, is a reason to show. */
  async ask<T>(call: (api: Api) => Promise<Result<T>>): Promise<Result<T>> {
    const api = this.towerApi;
    if (!api) return { ok: false, reason: 'The lab worker is not running.' };
    try {
      return await call(api);
    } catch (e) {
      return { ok: false, reason: errorText(e) };
    }
  }
}
