/**
 * The Two-tower stage's part of the worker API, over runs the worker keeps: the feature tables, a new
 * user's top movies from genre sliders (answered in milliseconds from cached item embeddings), and an
 * existing user's predicted against actual ratings. Types only, so the UI can import this file.
 */
import type { Result } from '../../data/types';
import type { GenreProfile } from '../../models/twotower/features';
import type {
  FeaturePage,
  FeatureRow,
  ProfileAnswer,
  ProfilePick,
  TowerInfo,
  TowerItem,
  UserRatingRow,
  UserTable,
} from '../../models/twotower/views';

export type {
  FeaturePage,
  FeatureRow,
  GenreProfile,
  ProfileAnswer,
  ProfilePick,
  TowerInfo,
  TowerItem,
  UserRatingRow,
  UserTable,
};

export interface TwoTowerApi {
  /** What a kept two-tower run offers: the genres a profile rates, and whether it can score one. */
  twoTowerInfo(runHandle: string): Promise<Result<TowerInfo>>;
  /** A page (at most 200 rows) of the user or item feature table, raw and standardised. */
  twoTowerFeatures(
    runHandle: string,
    side: 'users' | 'items',
    offset: number,
    limit: number,
  ): Promise<Result<FeaturePage>>;
  /** A new user's top k movies from a 0-5 rating per genre (0: never watches it). */
  twoTowerProfile(runHandle: string, profile: GenreProfile, k: number): Promise<Result<ProfileAnswer>>;
  /** Every movie a user (the id as in the source) rated, with the model's prediction, best predicted first. */
  twoTowerUser(runHandle: string, userId: string): Promise<Result<UserTable>>;
}
