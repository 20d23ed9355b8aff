/** Turns worker-side data into the small, plain summaries the UI shows. */
import { computeStats, describeSkips, previewRows } from '../data';
import type { Csr, Dataset, PairSet, PrepConfig, PreparedSplit } from '../data/types';
import type { DatasetSummary, PrepSummary } from './protocol';
import { prepKey } from '../data/prepare';

const PREVIEW_ROWS = 12;

export function summariseDataset(
  ds: Dataset,
  handle: string,
  sources: string[],
  bytes: number,
  loadMillis: number,
): DatasetSummary {
  return {
    handle,
    id: ds.id,
    name: ds.name,
    kind: ds.kind,
    sources,
    bytes,
    stats: computeStats(ds),
    preview: previewRows(ds, PREVIEW_ROWS),
    hasRatings: ds.interactions.rating !== null,
    hasTimestamps: ds.interactions.timestamp !== null,
    hasItemMeta: ds.items !== null,
    ratingScale: ds.ratingScale,
    officialSplits: ds.officialSplits.map((s) => s.name),
    skipped: ds.skipped,
    skippedText: ds.skipped.count > 0 ? describeSkips(ds.skipped) : null,
    notices: ds.notices,
    loadMillis,
  };
}

function inCsrRow(csr: Csr, user: number, item: number): boolean {
  let lo = csr.indptr[user];
  let hi = csr.indptr[user + 1] - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = csr.indices[mid];
    if (v === item) return true;
    if (v < item) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Counts test pairs that also occur in training: the split is leak-free only when this is 0. */
export function countLeaks(test: PairSet, trainSeen: Csr): number {
  let leaks = 0;
  for (let i = 0; i < test.user.length; i++) {
    if (inCsrRow(trainSeen, test.user[i], test.item[i])) leaks++;
  }
  return leaks;
}

function distinctCount(xs: Int32Array): number {
  return new Set(xs).size;
}

export function summarisePrep(handle: string, config: PrepConfig, split: PreparedSplit): PrepSummary {
  let positives = 0;
  for (let i = 0; i < split.testLabelled.label.length; i++)
    if (split.testLabelled.label[i] > 0.5) positives++;
  return {
    handle,
    config,
    trainPositives: split.train.user.length,
    testPairs: split.test.user.length,
    usersWithTest: distinctCount(split.test.user),
    users: split.nUsers,
    items: split.nItems,
    testLabelled: { positives, negatives: split.testLabelled.label.length - positives },
    negativesPerEpoch: split.train.user.length * config.negativesPerPositive,
    leakedPairs: countLeaks(split.test, split.trainSeen),
    // Capitalised for display; prepare() writes them as clauses.
    notes: split.notes.map((n) => n.charAt(0).toUpperCase() + n.slice(1) + '.'),
  };
}

/** Field by field, because configs from the URL, a preset and the form list their keys in different orders. */
export function samePrep(a: PrepConfig, b: PrepConfig): boolean {
  return prepKey(a) === prepKey(b);
}
