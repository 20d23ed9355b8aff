/** The ranking evaluation's settings and the words that label its figures. Pure data: the UI imports it. */

export interface EvalConfig {
  /** Cut-off for HR and NDCG (leave-one-out). */
  k: number;
  /** Never-seen items sampled per held-out item for the NCF protocol. */
  sampledNegatives: number;
  /** Also rank the held-out item against every unrated item (slower, and the honest number). */
  fullRanking: boolean;
  /** Cut-off for precision, recall and MAP on other splits (seed 001 uses 5). */
  topK: number;
  seed: number;
}

export const EVAL_DEFAULTS: EvalConfig = {
  k: 10,
  sampledNegatives: 100,
  fullRanking: true,
  topK: 10,
  seed: 2024,
};

export const SAMPLED_LABEL =
  'sampled: the held-out item ranked among it plus N sampled never-seen items (NCF paper)';
export const FULL_LABEL =
  "full: the held-out item ranked among all items not in the user's history (training and validation; Krichene & Rendle 2020)";
