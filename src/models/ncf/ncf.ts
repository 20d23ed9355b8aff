/**
 * The NCF family (He et al., 2017): GMF, MLP and NeuMF, in plain tfjs-core ops.
 *
 * Layout. One packed embedding table of (nUsers + nItems) rows x (gmfDim + mlpDim) columns: a user
 * row is [GMF user | MLP user], an item row [GMF item | MLP item], so NeuMF's four tables cost one
 * gather and one scatter. The gather of interleaved (user, item) rows, reshaped to [n, 2·D], is the
 * concatenation the MLP wants, for free; reshaped to [n, 2, D], a product over axis 1 is GMF's
 * element-wise product. The MLP's first layer and the output layer carry frozen zero rows where
 * those views include the other branch's columns, which costs a little arithmetic and saves every
 * slice and concat on the hot path.
 */
import * as tf from '@tensorflow/tfjs-core';
import { ParamLayout, type ColumnRule, type ParamBlock } from './engine/params';
import { activationGrad, dense, flatGrad, matMulT, pairProducts, readBlock } from './engine/flat';
import type { ForwardState, Scorer } from './engine/types';
import { ncfSummary } from './summary';
import { rowGrads } from '../../tensor/sparse';
import type { NcfConfig } from './config';

interface NcfState extends ForwardState {
  idx: tf.Tensor2D;
  swapped: tf.Tensor2D | null;
  /** GMF products (after the optional sigmoid), [n, 2D], both halves equal. */
  s2: tf.Tensor2D | null;
  /** The GMF output weights repeated for both halves, [2D]. */
  wGmf2: tf.Tensor1D | null;
  /** MLP inputs per layer (x0 = embeddings), outputs before dropout, masks, kernels [out, in]. */
  xs: tf.Tensor2D[];
  as: tf.Tensor2D[];
  masks: (tf.Tensor2D | null)[];
  wts: tf.Tensor2D[];
  wMlp: tf.Tensor1D | null;
}

/**
 * Builds a GMF, MLP or NeuMF scorer. Table row layout [GMF | MLP] for users and items alike.
 * The MLP reads the gathered rows viewed as [n, 2D] = [gu, mu, gi, mi], its first kernel holding
 * frozen zeros against the GMF columns. GMF reads R ⊙ R_swap viewed as [n, 2D], whose halves are
 * equal; half the GMF output weights on each half gives the logit. Every table row appears once
 * as R and once as R_swap with the same product, so the gradient through R alone, doubled, is
 * exact: one scatter.
 */
export function createNcfScorer(cfg: NcfConfig, nUsers: number, nItems: number): Scorer {
  const g = cfg.kind === 'mlp' ? 0 : cfg.gmfDim;
  const m = cfg.kind === 'gmf' ? 0 : cfg.mlpDim;
  const hidden = m > 0 ? cfg.mlpLayers : [];
  if (g + m <= 0) throw new Error(`${cfg.kind} needs a positive embedding size`);
  const D = g + m;
  const nRows = nUsers + nItems;
  const tableLayout = new ParamLayout();
  const embRules: ColumnRule[] = [];
  if (g > 0) embRules.push({ cols: [0, g], l2: cfg.l2Gmf });
  if (m > 0) embRules.push({ cols: [g, D], l2: cfg.l2Mlp });
  tableLayout.add('embeddings', [nRows, D], { kind: 'normal', std: cfg.embeddingStd }, 0, embRules);

  const L = new ParamLayout();
  const layers: { w: ParamBlock; b: ParamBlock }[] = [];
  let width = 2 * D;
  hidden.forEach((units, l) => {
    const frozen: ColumnRule[] =
      l === 0 && g > 0
        ? [
            { cols: [0, g], init: { kind: 'zeros' }, frozen: true },
            { cols: [D, D + g], init: { kind: 'zeros' }, frozen: true },
          ]
        : [];
    const fanIn = l === 0 ? 2 * m : width;
    const w = L.add(
      `dense${l + 1}/kernel`,
      [units, width],
      { kind: 'glorot', fanIn, fanOut: units },
      cfg.l2Layers,
      frozen,
    );
    layers.push({ w, b: L.add(`dense${l + 1}/bias`, [units], { kind: 'zeros' }) });
    width = units;
  });
  // Without hidden layers the MLP tower's output is its input, GMF columns included (frozen out).
  const mlpOut = m > 0 ? (hidden.length > 0 ? width : 2 * D) : 0;
  const outFan = g + (m > 0 ? (hidden.length > 0 ? width : 2 * m) : 0);
  const outInit = { kind: cfg.outputInit, fanIn: outFan, fanOut: 1 } as const;
  const wGmfB =
    g > 0
      ? L.add(
          'output/gmf',
          [D],
          outInit,
          0,
          m > 0 ? [{ cols: [g, D], init: { kind: 'zeros' }, frozen: true }] : [],
        )
      : null;
  const wMlpB =
    m > 0
      ? L.add(
          'output/mlp',
          [mlpOut],
          outInit,
          0,
          hidden.length > 0
            ? []
            : g > 0
              ? [
                  { cols: [0, g], init: { kind: 'zeros' }, frozen: true },
                  { cols: [D, D + g], init: { kind: 'zeros' }, frozen: true },
                ]
              : [],
        )
      : null;
  const bOutB = L.add('output/bias', [1], { kind: 'zeros' });
  const dropAt = (l: number): boolean => {
    if (cfg.dropout <= 0 || hidden.length === 0) return false;
    const last = l === hidden.length - 1;
    return cfg.dropoutAt === 'each' || (cfg.dropoutAt === 'last' ? last : !last);
  };

  return {
    nUsers,
    nItems,
    tableLayout,
    denseLayout: L,
    dropoutWidths: () => hidden.filter((_, l) => dropAt(l)),
    dropoutRate: cfg.dropout,

    forward(p, rows, masks): NcfState {
      const flat = p.dense as tf.Tensor1D;
      const n = rows.idx.shape[0] / 2;
      const r = tf.gatherND(p.table, rows.idx) as tf.Tensor2D;
      const bOut = readBlock(flat, bOutB);
      let swapped: tf.Tensor2D | null = null;
      let s2: tf.Tensor2D | null = null;
      let wGmf2: tf.Tensor1D | null = null;
      let zg: tf.Tensor2D | null = null;
      if (wGmfB) {
        swapped = tf.gatherND(p.table, rows.swap) as tf.Tensor2D;
        s2 = pairProducts(r, swapped, n);
        if (cfg.gmfSigmoid) s2 = tf.sigmoid(s2) as tf.Tensor2D;
        const w = readBlock(flat, wGmfB) as tf.Tensor1D;
        // Both halves of s2 hold u ⊙ i, so half the weights on each gives the GMF logit.
        wGmf2 = tf.concat([w, w]);
        zg = tf.matMul(s2, tf.reshape(tf.mul(wGmf2, 0.5), [2 * D, 1]));
      }
      const xs: tf.Tensor2D[] = [];
      const as: tf.Tensor2D[] = [];
      const ms: (tf.Tensor2D | null)[] = [];
      const wts: tf.Tensor2D[] = [];
      let wMlp: tf.Tensor1D | null = null;
      let z: tf.Tensor2D;
      if (wMlpB) {
        let x = tf.reshape(r, [n, 2 * D]) as tf.Tensor2D;
        let k = 0;
        layers.forEach((layer, l) => {
          const wt = readBlock(flat, layer.w) as tf.Tensor2D;
          xs.push(x);
          wts.push(wt);
          const a = dense(x, wt, readBlock(flat, layer.b), cfg.activation);
          as.push(a);
          const mask = dropAt(l) && masks ? masks[k++] : null;
          ms.push(mask);
          x = mask ? tf.mul(a, mask) : a;
        });
        xs.push(x);
        wMlp = readBlock(flat, wMlpB) as tf.Tensor1D;
        // WASM's fused matMul takes only a rank-1 bias, so the GMF logit is added separately.
        const zm = tf.fused.matMul({ a: x, b: tf.reshape(wMlp, [mlpOut, 1]), bias: bOut }) as tf.Tensor2D;
        z = zg ? tf.add(zm, zg) : zm;
      } else {
        z = tf.add(zg as tf.Tensor2D, bOut);
      }
      return { z, n, idx: rows.idx, swapped, s2, wGmf2, xs, as, masks: ms, wts, wMlp };
    },

    backward(state, dz) {
      const s = state as NcfState;
      const { n } = s;
      const grads = new Map<string, tf.Tensor>();
      const dzT = tf.reshape(dz, [1, n]) as tf.Tensor2D;
      grads.set('output/bias', tf.reshape(tf.sum(dz), [1]));
      let dr: tf.Tensor2D | null = null;
      if (s.s2 && s.wGmf2 && s.swapped) {
        // Halves equal: the gradient of each is half of this, and they sum to it.
        grads.set('output/gmf', tf.slice(tf.matMul(dzT, s.s2), [0, 0], [1, D]));
        // The gradient through R alone, doubled (full weights, not halves), is the full one (see above).
        let ds = tf.matMul(dz, tf.reshape(s.wGmf2, [1, 2 * D]));
        if (cfg.gmfSigmoid) ds = tf.mul(ds, tf.mul(s.s2, tf.sub(1, s.s2)));
        dr = tf.mul(tf.reshape(ds, [2 * n, D]), s.swapped);
      }
      if (s.wMlp) {
        const x = s.xs[s.xs.length - 1];
        grads.set('output/mlp', tf.matMul(dzT, x));
        let dx: tf.Tensor2D = tf.matMul(dz, tf.reshape(s.wMlp, [1, mlpOut]));
        for (let l = layers.length - 1; l >= 0; l--) {
          const mask = s.masks[l];
          let da: tf.Tensor2D = mask ? tf.mul(dx, mask) : dx;
          if (cfg.activityL2 > 0) da = tf.add(da, tf.mul(s.as[l], (2 * cfg.activityL2) / n));
          const dzl = activationGrad(da, s.as[l], cfg.activation);
          grads.set(`dense${l + 1}/kernel`, matMulT(dzl, s.xs[l], true, false));
          grads.set(`dense${l + 1}/bias`, tf.sum(dzl, 0));
          dx = tf.matMul(dzl, s.wts[l]);
        }
        const dm = tf.reshape(dx, [2 * n, D]) as tf.Tensor2D;
        dr = dr ? tf.add(dr, dm) : dm;
      }
      return rowGrads(s.idx, dr as tf.Tensor2D, nRows, { dense: flatGrad(L, grads) });
    },

    itemBlocks: () => [
      ...(g > 0 ? [{ name: 'GMF', cols: [0, g] as [number, number] }] : []),
      ...(m > 0 ? [{ name: 'MLP', cols: [g, D] as [number, number] }] : []),
    ],

    summary: () => ncfSummary(cfg, tableLayout.trainableCount() + L.trainableCount(), L.size, nUsers, nItems),
  };
}
