/** The ranking figure the NCF stage measures after every epoch. */
import { createRng } from '../../data/rng';
import { buildCsr } from '../../data/split';
import type { PreparedSplit } from '../../data/types';
import { sampleCandidates, sampledMetric } from '../../metrics/evaluate';
import { topKMetrics } from '../../metrics/ranking';
import type { ValidationMetric } from '../../train/trainable';
import type { NcfExperiment } from './config';
import type { PairScorer } from './engine/types';

/** Sampled HR@K for leave-one-out, precision@K on up to 300 users otherwise. */
export function epochMetricFor(
  model: PairScorer,
  split: PreparedSplit,
  cfg: NcfExperiment,
): ValidationMetric {
  const { prep, eval: ev } = cfg;
  if (prep.split.kind === 'leave-one-out') {
    const c = sampleCandidates(split, ev.sampledNegatives, ev.seed);
    const name = `hr@${ev.k} (sampled)`;
    return {
      name,
      higherIsBetter: true,
      heldOut: 'test',
      compute: async () => ({ [name]: (await sampledMetric(model, c, ev.k)).hr }),
    };
  }
  const truth = buildCsr(split.test.user, split.test.item, split.nUsers);
  const all = Array.from(new Set(split.test.user));
  const rng = createRng(ev.seed);
  for (let j = all.length - 1; j > 0; j--) {
    const k = rng.int(j + 1);
    [all[j], all[k]] = [all[k], all[j]];
  }
  const users = Int32Array.from(all.slice(0, 300));
  const name = `precision@${ev.topK}${users.length < all.length ? ` (${users.length} users)` : ''}`;
  return {
    name,
    higherIsBetter: true,
    heldOut: 'test',
    compute: async () => ({
      [name]: topKMetrics(await model.scoreUsers(users), split.nItems, users, truth, split.trainSeen, ev.topK)
        .precision,
    }),
  };
}
