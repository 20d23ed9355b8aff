import type { BuiltInteractions } from './build';
import { mergeSkips } from './parse/skips';
import type { Dataset, DatasetKind, ItemMeta, OfficialSplit, SkipReport, UserMeta } from './types';

export interface DatasetParts {
  id: string;
  name: string;
  kind: DatasetKind;
  built: BuiltInteractions;
  items?: ItemMeta | null;
  users?: UserMeta | null;
  officialSplits?: OfficialSplit[];
  skips?: SkipReport[];
  notices?: string[];
}

export function observedRange(rating: Float32Array | null): { min: number; max: number } | null {
  if (rating === null || rating.length === 0) return null;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < rating.length; i++) {
    const r = rating[i];
    if (r < min) min = r;
    if (r > max) max = r;
  }
  return { min, max };
}

export function assembleDataset(p: DatasetParts): Dataset {
  const { interactions, userIds, itemIds } = p.built;
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    nUsers: userIds.length,
    nItems: itemIds.length,
    userIds,
    itemIds,
    interactions,
    ratingScale: observedRange(interactions.rating),
    items: p.items ?? null,
    users: p.users ?? null,
    officialSplits: p.officialSplits ?? [],
    skipped: mergeSkips(p.skips ?? []),
    notices: p.notices ?? [],
  };
}
