import type { StageDef } from '../types';
import { DataPanel } from './DataPanel';

export const DATA_STAGE: StageDef = {
  id: 'data',
  title: 'Data',
  blurb: 'Load, inspect and split',
  ready: true,
  Panel: DataPanel,
};
