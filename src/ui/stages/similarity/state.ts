/** The Similarity stage's state, as its store publishes it and its panel reads it. */
import type {
  BlockRef,
  DistanceMetric,
  ItemNeighbours,
  NeighbourPage,
  Progress,
  Projection,
  SimilaritySource,
  SourceAgreement,
} from '../../../worker/protocol';
import type { LiveRun } from '../../training/live';
import type { MapMethod, SimSettings } from './settings';

export interface QuickState {
  live: LiveRun | null;
  error: string | null;
  /** The last quick MF that finished: its run, wall time and full-ranking HR@10. */
  last: { runHandle: string; seconds: number; hr: number | null } | null;
}

export interface TableState {
  page: NeighbourPage | null;
  /** The distance the page was computed with (the setting may have moved on while it loads). */
  metric: DistanceMetric;
  offset: number;
  loading: boolean;
  error: string | null;
}

/** The movie whose neighbours are listed (and ringed on the map), by dense index. */
export interface PickState {
  index: number;
  result: ItemNeighbours | null;
  /** How many of the k nearest the other two distances share with the shown one. */
  others: { metric: DistanceMetric; shared: number }[] | null;
  loading: boolean;
  error: string | null;
}

export interface AgreementState {
  metric: DistanceMetric;
  rows: SourceAgreement[] | null;
  loading: boolean;
}

export interface MapJob {
  id: string;
  method: MapMethod;
  progress: Progress | null;
}

export interface MapState {
  job: MapJob | null;
  projection: Projection | null;
  /** The block the projection is of. */
  ref: BlockRef | null;
  millis: number | null;
  error: string | null;
}

export interface SimilarityState {
  settings: SimSettings;
  /** Null until the worker has been asked. */
  sources: SimilaritySource[] | null;
  /** Why the worker could not list them. */
  sourcesError: string | null;
  /** "NCF run #2", "Quick MF #1", by run handle. */
  runLabels: Record<string, string>;
  selected: BlockRef | null;
  quick: QuickState;
  table: TableState;
  pick: PickState | null;
  agreement: AgreementState;
  map: MapState;
}
