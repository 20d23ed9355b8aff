/**
 * The figure the NCF stage measures after every epoch: HR@K and NDCG@K of each user's validation item
 * ranked among sampled never-seen items, beside item popularity's on the same candidates. It is what
 * early stopping follows, so epochs are chosen without looking at the test item.
 */
import type { PreparedSplit } from '../../data/types';
import { sampleCandidates, sampledMetric } from '../../metrics/evaluate';
import { sampledHitNdcg } from '../../metrics/ranking';
import type { ValidationMetric } from '../../train/trainable';
import type { NcfExperiment } from './config';
import type { PairScorer } from './engine/types';
import { ItemPop } from './itempop';

/** The validation figure, or undefined on a split without validation pairs (the loss is all there is then). */
export function validationMetricFor(
  model: PairScorer,
  split: PreparedSplit,
  cfg: NcfExperiment,
): ValidationMetric | undefined {
  if (!split.validation || split.validation.user.length === 0) return undefined;
  const { k, sampledNegatives, seed } = cfg.eval;
  // Its own seed, so the validation candidates are not the test's.
  const c = sampleCandidates(split, sampledNegatives, seed + 1, 'validation');
  const hr = `val hr@${k} (sampled)`;
  const ndcg = `val ndcg@${k} (sampled)`;
  const pop = new ItemPop(split.nUsers, split.nItems, split.train);
  const popScores = Float32Array.from(c.items, (i) => pop.counts[i]);
  return {
    name: hr,
    higherIsBetter: true,
    heldOut: 'validation',
    baseline: { name: 'popularity', value: sampledHitNdcg(popScores, c.perUser, k).hr },
    compute: async () => {
      const m = await sampledMetric(model, c, k);
      return { [hr]: m.hr, [ndcg]: m.ndcg };
    },
  };
}
