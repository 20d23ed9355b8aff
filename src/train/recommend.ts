/** Top-K recommendations for one user: every item scored, the user's training items left out. */
import type { Csr } from '../data/types';
import type { TrainedModel } from './family';
import { topItems } from '../metrics/ranking';
import { csrHas } from '../data/split';

export interface Recommendation {
  item: number;
  score: number;
  /** sigmoid(score) when the model outputs logits of a pointwise loss, else null. */
  probability: number | null;
}

export async function recommend(
  model: TrainedModel,
  user: number,
  k: number,
  exclude: Csr,
): Promise<Recommendation[]> {
  const scores = await model.scoreUsers(Int32Array.of(user));
  const top = topItems(scores, 0, model.nItems, k, (i) => csrHas(exclude, user, i));
  return top.map((item) => ({
    item,
    score: scores[item],
    probability: model.scoreKind === 'logit' ? 1 / (1 + Math.exp(-scores[item])) : null,
  }));
}
