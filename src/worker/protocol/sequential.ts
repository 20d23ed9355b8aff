/**
 * The Sequential stage's own worker calls: "what comes next" for a kept run, after a user's real latest
 * items or after a sequence built by hand, and a title search to build that sequence with.
 */
import type { Result } from '../../data/types';
import type { RecItem } from './training';

/** A user's latest window (by the id in the source), or a hand-built sequence of item indices, oldest first. */
export type SequenceInput = { userId: string } | { items: number[] };

export interface NextItem extends RecItem {
  score: number;
  /** The softmax probability of being next, for models with a softmax over every item; else null. */
  probability: number | null;
  /** Whether the item is already in the user's history (or in the hand-built sequence). */
  seen: boolean;
}

export interface NextItems {
  /** The user id when the input was a user, else null. */
  userId: string | null;
  /** The window the model read, oldest first (padding left out); at most L items. */
  window: RecItem[];
  /** The best K next items, best first. */
  items: NextItem[];
  /** The user's held-out test items, which a good model ranks high (empty for a hand-built sequence). */
  heldOut: RecItem[];
  /** Items the input held that the dataset does not (hand-built sequences), left out. */
  dropped: number;
  scoreKind: 'logit' | 'ranking' | 'count' | 'rating';
}

export interface TitleMatch extends RecItem {
  /** 0-1, higher is closer. */
  score: number;
}

export interface SequentialApi {
  /**
   * Top K next items of a kept sequential run. Nothing is excluded unless `excludeSeen` (seed 000 ranks
   * every item); `seen` marks what the user or the sequence already holds.
   */
  predictNext(
    runHandle: string,
    input: SequenceInput,
    k: number,
    excludeSeen: boolean,
  ): Promise<Result<NextItems>>;
  /** Items of a kept run's dataset whose titles match the query, typos tolerated, best first. */
  searchSequenceItems(runHandle: string, query: string, limit: number): Promise<Result<TitleMatch[]>>;
}
