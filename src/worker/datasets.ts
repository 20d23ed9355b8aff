/**
 * Datasets and their preparations, held in the worker. The UI only ever sees summaries; each stage's
 * training material is prepared once per dataset, user cap and preparation key, and shared (the Data
 * stage's split is the NCF stage's).
 */
import type { Dataset, Result } from '../data/types';
import { lowestUsers } from './subset';

/** Current, last good and one being replaced: enough to fall back without holding every upload. */
const KEEP_DATASETS = 3;
/** Preparations kept across datasets, stages and quick looks, most recent first. */
const KEEP_PREPARED = 6;

export interface Prepared<D = unknown> {
  /** The dataset the material was cut from: a quick look's subset, or the whole of it. */
  ds: Dataset;
  data: D;
  /** Whether `ds` is a quick look's subset. */
  capped: boolean;
}

export class DatasetStore {
  private readonly datasets = new Map<string, Dataset>();
  private readonly prepared = new Map<string, Prepared>();
  private nextHandle = 1;

  keep(ds: Dataset): string {
    const handle = `${ds.id}#${this.nextHandle++}`;
    this.datasets.set(handle, ds);
    for (const old of [...this.datasets.keys()].slice(0, Math.max(0, this.datasets.size - KEEP_DATASETS)))
      this.release(old);
    return handle;
  }

  get(handle: string): Dataset | undefined {
    return this.datasets.get(handle);
  }

  release(handle: string): void {
    this.datasets.delete(handle);
    for (const key of [...this.prepared.keys()]) if (key.startsWith(`${handle}|`)) this.prepared.delete(key);
  }

  /** The material `make` prepares for a dataset (or its users with the lowest ids), made once per key. */
  prepare<D>(
    handle: string,
    key: string,
    maxUsers: number | null,
    make: (ds: Dataset) => Result<D>,
  ): Result<Prepared<D>> {
    const full = this.datasets.get(handle);
    if (!full) return { ok: false, reason: 'That dataset is no longer loaded; load it again.' };
    const id = `${handle}|${maxUsers ?? 'all'}|${key}`;
    const cached = this.prepared.get(id);
    if (cached) {
      // Most recent last, so the oldest is the first to go.
      this.prepared.delete(id);
      this.prepared.set(id, cached);
      return { ok: true, value: cached as Prepared<D> };
    }
    const ds = maxUsers === null ? full : lowestUsers(full, maxUsers);
    const r = make(ds);
    if (!r.ok) return r;
    const value: Prepared<D> = { ds, data: r.value, capped: ds !== full };
    this.prepared.set(id, value);
    for (const old of [...this.prepared.keys()].slice(0, Math.max(0, this.prepared.size - KEEP_PREPARED)))
      this.prepared.delete(old);
    return { ok: true, value };
  }
}
