/** The data layer's public surface: loaders, sniffing, synthetic sets and statistics. */
export * from './types';
export { createRng, permutation, shuffleInPlace, type Rng } from './rng';
export type { NamedBlob } from './parse/delimited';
export type { Encoding } from './parse/decode';
export {
  sniffFile,
  sniffText,
  unusedColumns,
  DELIMITERS,
  type ColumnMapping,
  type DetectedFormat,
  type Sniff,
} from './parse/sniff';
export { describeSkips } from './parse/skips';
export { CANCELLED } from './parse/progress';
export { parseTimestamp, yearFromTitle } from './parse/values';
export { loadFiles, type LoadOptions } from './load';
export { ML100K_GENRES, ML100K_SPLITS } from './formats/movielens100k';
export { generateRandomHealth, RANDOM_HEALTH } from './synthetic';
export { generateStructured, STRUCTURED } from './synthetic-structured';
export { computeStats, previewRows, type PreviewRow } from './stats';
