import { TWO_TOWER_SPEC } from '../../../models/twotower/spec';
import type { StageDef } from '../types';
import { TowerStore } from './store';
import { TwoTowerPanel } from './TwoTowerPanel';

export const TWO_TOWER_STAGE: StageDef<TowerStore> = {
  id: 'two-tower',
  title: 'Two-tower',
  blurb: 'Retrieval with features',
  ready: true,
  createStore: (lab) => new TowerStore('two-tower', TWO_TOWER_SPEC, lab),
  Panel: TwoTowerPanel,
};
