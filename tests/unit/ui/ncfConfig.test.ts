/** The NCF settings a URL may carry: valid fields are taken, anything else falls back to the base. */
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/worker/catalog';
import { applyPatch, baseSettings } from '../../../src/ui/hooks/ncfConfig';

const cat = buildCatalog();

describe('NCF settings from a URL', () => {
  it('starts from the preset for the chosen model, with the loss the model needs', () => {
    const paper = baseSettings(cat, 'neumf', 'ncf-paper');
    expect(paper.model).toEqual(cat.presetConfigs['ncf-paper'].neumf.model);
    expect(paper.train.batchSize).toBe(256);
    const bpr = baseSettings(cat, 'bpr', null);
    expect(bpr.model.kind).toBe('bpr');
    expect(bpr.train.loss).toBe('bpr');
    expect(baseSettings(cat, 'gmf', null).train.loss).toBe('bce');
  });

  it('takes valid fields and keeps the base for the rest', () => {
    const base = baseSettings(cat, 'neumf', 'ncf-paper');
    const s = applyPatch(base, {
      model: { mlpLayers: [64, 32], activation: 'tanh', kind: 'mf' },
      train: { epochs: 3, optimizer: 'sgd', earlyStopping: { patience: 4 }, lrSchedule: 'cosine' },
      eval: { k: 5 },
    });
    expect(s.model).toMatchObject({ kind: 'neumf', mlpLayers: [64, 32], activation: 'tanh', gmfDim: 8 });
    expect(s.train).toMatchObject({ epochs: 3, optimizer: 'sgd', lr: 0.001, lrSchedule: 'cosine' });
    expect(s.train.earlyStopping).toEqual({ patience: 4, restoreBest: true });
    expect(s.eval.k).toBe(5);
  });

  it('rejects out-of-range numbers, unknown options, wrong types and stray keys', () => {
    const base = baseSettings(cat, 'neumf', null);
    const s = applyPatch(base, {
      model: { gmfDim: -1, mlpLayers: [32, 0], activation: 'gelu', dropout: 'a lot', evil: 1 },
      train: { epochs: 0, batchSize: 1.5, lr: Number.NaN, optimizer: 'rmsprop', pretrain: 7 },
      eval: { fullRanking: 'yes', k: 1e9 },
    });
    expect(s).toEqual({ ...base, train: { lrSchedule: 'constant', ...base.train } });
    expect(applyPatch(base, 'not an object')).toEqual(s);
    expect(applyPatch(base, { train: { pretrain: null, earlyStopping: null } }).train.pretrain).toBeNull();
  });
});
