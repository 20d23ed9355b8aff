/** The Keras-like layer list of a GMF, MLP or NeuMF config. */
import type { ModelSummary, SummaryRow } from '../../train/family';
import type { NcfConfig } from './config';

/** Keras-like layers of a GMF, MLP or NeuMF config (the packed storage is described separately). */
export function ncfSummary(
  cfg: NcfConfig,
  trainable: number,
  denseSize: number,
  nUsers: number,
  nItems: number,
): ModelSummary {
  const g = cfg.kind === 'mlp' ? 0 : cfg.gmfDim;
  const m = cfg.kind === 'gmf' ? 0 : cfg.mlpDim;
  const hidden = m > 0 ? cfg.mlpLayers : [];
  const rows: SummaryRow[] = [
    { name: 'user', type: 'InputLayer', outputShape: '(None,)', params: 0, inputs: [] },
    { name: 'item', type: 'InputLayer', outputShape: '(None,)', params: 0, inputs: [] },
  ];
  const heads: string[] = [];
  if (g > 0) {
    rows.push(
      {
        name: 'gmf_user_embedding',
        type: 'Embedding',
        outputShape: `(None, ${g})`,
        params: nUsers * g,
        inputs: ['user'],
      },
      {
        name: 'gmf_item_embedding',
        type: 'Embedding',
        outputShape: `(None, ${g})`,
        params: nItems * g,
        inputs: ['item'],
      },
      {
        name: 'gmf_product',
        type: cfg.gmfSigmoid ? 'Multiply+Sigmoid' : 'Multiply',
        outputShape: `(None, ${g})`,
        params: 0,
        inputs: ['gmf_user_embedding', 'gmf_item_embedding'],
      },
    );
    heads.push('gmf_product');
  }
  if (m > 0) {
    rows.push(
      {
        name: 'mlp_user_embedding',
        type: 'Embedding',
        outputShape: `(None, ${m})`,
        params: nUsers * m,
        inputs: ['user'],
      },
      {
        name: 'mlp_item_embedding',
        type: 'Embedding',
        outputShape: `(None, ${m})`,
        params: nItems * m,
        inputs: ['item'],
      },
      {
        name: 'mlp_concat',
        type: 'Concatenate',
        outputShape: `(None, ${2 * m})`,
        params: 0,
        inputs: ['mlp_user_embedding', 'mlp_item_embedding'],
      },
    );
    let prev = 'mlp_concat';
    let width = 2 * m;
    hidden.forEach((units, l) => {
      const name = `dense${l + 1}`;
      rows.push({
        name,
        type: `Dense (${cfg.activation})`,
        outputShape: `(None, ${units})`,
        params: width * units + units,
        inputs: [prev],
      });
      prev = name;
      width = units;
    });
    if (cfg.dropout > 0 && hidden.length > 0) {
      rows.push({
        name: 'dropout',
        type: `Dropout (${cfg.dropout}, ${cfg.dropoutAt})`,
        outputShape: `(None, ${width})`,
        params: 0,
        inputs: [prev],
      });
    }
    heads.push(prev);
  }
  let outIn = 0;
  if (g > 0) outIn += g;
  if (m > 0) outIn += hidden.length > 0 ? hidden[hidden.length - 1] : 2 * m;
  if (heads.length > 1) {
    rows.push({
      name: 'neumf_concat',
      type: 'Concatenate',
      outputShape: `(None, ${outIn})`,
      params: 0,
      inputs: heads,
    });
  }
  rows.push({
    name: 'prediction',
    type: 'Dense (sigmoid)',
    outputShape: '(None, 1)',
    params: outIn + 1,
    inputs: [heads.length > 1 ? 'neumf_concat' : heads[0]],
  });
  const D = g + m;
  return {
    title: cfg.kind === 'neumf' ? 'NeuMF' : cfg.kind.toUpperCase(),
    rows,
    totalParams: trainable,
    trainableParams: trainable,
    storage: `two variables: one packed embedding table of ${nUsers + nItems} x ${D} (GMF | MLP columns) and one flat vector of ${denseSize} dense numbers (frozen zeros included)`,
  };
}
