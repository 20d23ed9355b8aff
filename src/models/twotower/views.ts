/**
 * What the Two-tower stage's panel reads of a trained run: pages of the feature tables, a new user's top
 * movies from a genre profile, and an existing user's predicted against actual ratings. Plain data (no
 * tfjs): the worker protocol re-exports these types and the UI imports them.
 */

/** An item as a table row shows it. */
export interface TowerItem {
  item: number;
  id: string;
  title: string | null;
  genres: string[];
}

export interface FeatureRow {
  /** Dense index, the id in the source, and the title of an item (null for users). */
  index: number;
  id: string;
  label: string | null;
  /** The features as computed (counts, averages, years), and as the tower reads them (standardised). */
  raw: number[];
  scaled: number[];
}

export interface FeaturePage {
  side: 'users' | 'items';
  columns: string[];
  /** The standardisation, fitted on the training rows only. */
  mean: number[];
  std: number[];
  total: number;
  offset: number;
  rows: FeatureRow[];
}

export interface TowerInfo {
  /** The genres a profile rates, in the user-feature columns' order. */
  genres: string[];
  /** Whether a profile can be scored (the user tower reads features), and why not when it cannot. */
  profiles: boolean;
  reason: string | null;
  /** The count a profile's user is taken to have rated, when the profile does not say. */
  defaultRatingCount: number;
  ratingScale: { min: number; max: number } | null;
  /** What a score is: predicted stars for a rating model, a ranking score for a retrieval one. */
  scoreKind: 'rating' | 'ranking';
}

export interface ProfilePick extends TowerItem {
  score: number;
  /** Predicted stars; null for a retrieval model, whose score is no rating. */
  stars: number | null;
}

export interface ProfileAnswer {
  items: ProfilePick[];
  /** Time the worker took to score every item, in milliseconds. */
  millis: number;
}

export interface UserRatingRow extends TowerItem {
  predicted: number;
  actual: number;
  /** predicted − actual, in stars. */
  error: number;
  /**
   * Which side of the split the rating is on: trained on, held back for the validation loss, scored in
   * the test, or revealed (cold start).
   */
  side: 'train' | 'validation' | 'test' | 'revealed';
}

export interface UserTable {
  userId: string;
  /** The user's features as the tower read them: their training rating count and average. */
  ratingCount: number;
  average: number | null;
  /** Every movie the user rated, highest prediction first. */
  rows: UserRatingRow[];
  /** RMSE in stars over the user's test ratings, or null when they have none. */
  testRmse: number | null;
}
