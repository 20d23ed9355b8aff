import type { StageDef } from '../types';
import { SimilarityPanel } from './SimilarityPanel';
import { SimilarityStore } from './store';

export const SIMILARITY_STAGE: StageDef<SimilarityStore> = {
  id: 'similarity',
  title: 'Similarity',
  blurb: 'Items that go together',
  ready: true,
  createStore: (lab) => new SimilarityStore(lab),
  Panel: SimilarityPanel,
};
