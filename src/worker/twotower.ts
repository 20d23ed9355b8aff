/** The worker side of the Two-tower stage's calls: each reads a run the RunStore keeps. */
import type { Result } from '../data/types';
import type { TowerData } from '../models/twotower/data';
import { featurePage, scoreProfile, towerInfo, userTable } from '../models/twotower/inspect';
import type { TwoTowerModel } from '../models/twotower/model';
import { TWO_TOWER_SPEC } from '../models/twotower/spec';
import type { TwoTowerApi } from './protocol';
import type { RunStore } from './training';

const GONE = 'That model is no longer kept in the worker; train it again.';

function towerRun(runs: RunStore, handle: string): Result<{ model: TwoTowerModel; data: TowerData }> {
  const run = runs.get(handle);
  if (!run) return { ok: false, reason: GONE };
  if (run.family.spec.id !== TWO_TOWER_SPEC.id)
    return { ok: false, reason: 'That run is not a two-tower model.' };
  return { ok: true, value: { model: run.model as TwoTowerModel, data: run.data as TowerData } };
}

export function createTwoTowerApi(runs: RunStore) {
  return {
    async twoTowerInfo(handle: string) {
      const r = towerRun(runs, handle);
      return r.ok ? { ok: true as const, value: towerInfo(r.value.model, r.value.data) } : r;
    },

    async twoTowerFeatures(handle: string, side: 'users' | 'items', offset: number, limit: number) {
      const r = towerRun(runs, handle);
      return r.ok ? { ok: true as const, value: featurePage(r.value.data, side, offset, limit) } : r;
    },

    async twoTowerProfile(handle, profile, k) {
      const r = towerRun(runs, handle);
      if (!r.ok) return r;
      const info = towerInfo(r.value.model, r.value.data);
      if (!info.profiles) return { ok: false, reason: info.reason ?? 'This model cannot score a profile.' };
      return { ok: true, value: await scoreProfile(r.value.model, r.value.data, profile, k) };
    },

    async twoTowerUser(handle: string, userId: string) {
      const r = towerRun(runs, handle);
      if (!r.ok) return r;
      const run = runs.get(handle);
      const user = run ? runs.userIndex(run, userId) : null;
      if (user === null)
        return { ok: false as const, reason: `No user '${userId}' in ${r.value.data.ds.name}.` };
      if (r.value.model.scoreKind !== 'rating')
        return {
          ok: false as const,
          reason: 'A retrieval model scores rankings, not ratings: train the rating objective.',
        };
      return { ok: true as const, value: await userTable(r.value.model, r.value.data, user) };
    },
  } satisfies TwoTowerApi;
}
