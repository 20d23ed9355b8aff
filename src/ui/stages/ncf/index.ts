import type { ExperimentConfig } from '../../../train/spec';
import { NCF_SPEC } from '../../../models/ncf/spec';
import { TrainingStore } from '../../training/store';
import type { StageDef } from '../types';
import { NcfPanel } from './NcfPanel';

export const NCF_STAGE: StageDef<TrainingStore> = {
  id: 'ncf',
  title: 'NCF',
  blurb: 'Neural collaborative filtering',
  ready: true,
  createStore: (lab) => new TrainingStore<ExperimentConfig>('ncf', NCF_SPEC, lab),
  Panel: NcfPanel,
};
