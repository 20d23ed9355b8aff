/**
 * NeuMF initialised from trained GMF and MLP models, as He et al. (2017) do: embeddings and hidden
 * layers copied, and the output layer the concatenation of both output layers weighted α and 1 - α.
 */
import type { NcfConfig } from './config';
import type { Weights } from './engine/factor';
import type { ParamLayout } from './engine/params';
import type { Scorer } from './engine/types';

export interface PretrainedPart {
  config: NcfConfig;
  scorer: Scorer;
  weights: Weights;
}

function copyBlock(
  dst: Float32Array,
  dl: ParamLayout,
  dName: string,
  src: Float32Array,
  sl: ParamLayout,
  sName: string,
  scale = 1,
): void {
  const d = dl.block(dName);
  const s = sl.block(sName);
  if (d.size !== s.size) throw new Error(`cannot copy ${sName} (${s.size}) into ${dName} (${d.size})`);
  for (let k = 0; k < s.size; k++) dst[d.offset + k] = scale * src[s.offset + k];
}

/** Checks that the parts match the NeuMF shape; returns a reason when they do not. */
export function pretrainMismatch(neumf: NcfConfig, gmf: NcfConfig, mlp: NcfConfig): string | null {
  if (gmf.kind !== 'gmf' || mlp.kind !== 'mlp') return 'pretraining needs a GMF and an MLP model';
  if (gmf.gmfDim !== neumf.gmfDim) return `GMF size ${gmf.gmfDim} differs from NeuMF's ${neumf.gmfDim}`;
  if (mlp.mlpDim !== neumf.mlpDim)
    return `MLP embedding size ${mlp.mlpDim} differs from NeuMF's ${neumf.mlpDim}`;
  if (mlp.mlpLayers.join() !== neumf.mlpLayers.join()) return "MLP layers differ from NeuMF's";
  if (mlp.gmfSigmoid !== neumf.gmfSigmoid && gmf.gmfSigmoid !== neumf.gmfSigmoid)
    return 'GMF sigmoid setting differs';
  return null;
}

/** NeuMF starting weights from pretrained GMF and MLP weights, with the paper's α (0.5). */
export function neumfFromPretrained(
  neumf: Scorer,
  cfg: NcfConfig,
  gmf: PretrainedPart,
  mlp: PretrainedPart,
  alpha = 0.5,
): Weights {
  const why = pretrainMismatch(cfg, gmf.config, mlp.config);
  if (why) throw new Error(why);
  const g = cfg.gmfDim;
  const m = cfg.mlpDim;
  const D = g + m;
  const rows = neumf.nUsers + neumf.nItems;
  const table = new Float32Array(rows * D);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < g; c++) table[r * D + c] = gmf.weights.table[r * g + c];
    for (let c = 0; c < m; c++) table[r * D + g + c] = mlp.weights.table[r * m + c];
  }
  const dl = neumf.denseLayout as ParamLayout;
  const gl = gmf.scorer.denseLayout as ParamLayout;
  const ml = mlp.scorer.denseLayout as ParamLayout;
  const gw = gmf.weights.dense as Float32Array;
  const mw = mlp.weights.dense as Float32Array;
  const dense = new Float32Array(dl.size);
  cfg.mlpLayers.forEach((units, l) => {
    const name = `dense${l + 1}/kernel`;
    if (l > 0) {
      copyBlock(dense, dl, name, mw, ml, name);
    } else {
      // NeuMF's first kernel reads [gu, mu, gi, mi]; the MLP's reads [mu, mi].
      const d = dl.block(name);
      const s = ml.block(name);
      for (let o = 0; o < units; o++) {
        for (let c = 0; c < m; c++) {
          dense[d.offset + o * 2 * D + g + c] = mw[s.offset + o * 2 * m + c];
          dense[d.offset + o * 2 * D + D + g + c] = mw[s.offset + o * 2 * m + m + c];
        }
      }
    }
    copyBlock(dense, dl, `dense${l + 1}/bias`, mw, ml, `dense${l + 1}/bias`);
  });
  const dg = dl.block('output/gmf');
  const sg = gl.block('output/gmf');
  for (let c = 0; c < g; c++) dense[dg.offset + c] = alpha * gw[sg.offset + c];
  copyBlock(dense, dl, 'output/mlp', mw, ml, 'output/mlp', 1 - alpha);
  dense[dl.block('output/bias').offset] =
    alpha * gw[gl.block('output/bias').offset] + (1 - alpha) * mw[ml.block('output/bias').offset];
  return { table, dense };
}
