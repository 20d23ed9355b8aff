import { SEQ_SPEC } from '../../../models/sequential/spec';
import type { StageDef } from '../types';
import { SequentialPanel } from './SequentialPanel';
import { SeqStore } from './store';

export const SEQUENTIAL_STAGE: StageDef<SeqStore> = {
  id: 'sequential',
  title: 'Sequential',
  blurb: 'What comes next',
  ready: true,
  createStore: (lab) => new SeqStore('sequential', SEQ_SPEC, lab),
  Panel: SequentialPanel,
};
