/**
 * LSTM and GRU recurrences with hand-written backpropagation through time. The input projection of every
 * timestep is one matMul outside (x·W + b for the whole time-major batch); here each step adds h·U and
 * runs the gates. Autodiff of the same ops would dispatch about twice the kernels and accumulate U's
 * gradient one small product per step; the backward pass below gathers every step's gate gradient and
 * forms U's gradient in one product. Rows of a step and columns of a gate are picked with gathers
 * (WASM copies a whole tensor to slice it). tests/unit/sequential/cells.test.ts checks both against tfjs
 * autodiff of a plain formulation.
 *
 * Layouts: time-major rows (t·B + b). LSTM gate columns [i | f | o | g], GRU [r | z | n] (PyTorch's
 * GRU, the reset gate applied to h·U_n + b_hn, which is Keras' reset_after).
 */
import * as tf from '@tensorflow/tfjs-core';
import { indexTensor, matMulTA, pickRows, tanh } from './ops';

const range = (n: number, f: (b: number) => number) => Int32Array.from({ length: n }, (_, b) => f(b));

/** Index tensors for the rows of each timestep and the columns of each gate (viewed as [G·B, H] rows). */
function indices(L: number, B: number, gates: number): { step: tf.Tensor2D[]; gate: tf.Tensor2D[] } {
  return {
    step: Array.from({ length: L }, (_, t) => indexTensor(range(B, (b) => t * B + b))),
    gate: Array.from({ length: gates }, (_, k) => indexTensor(range(B, (b) => b * gates + k))),
  };
}

/** Column k of G equal blocks of z [B, G·H], as [B, H]. */
const gateOf = (z: tf.Tensor2D, idx: tf.Tensor2D, gates: number) =>
  pickRows(tf.reshape(z, [z.shape[0] * gates, z.shape[1] / gates]), idx);

/** The gradient arriving at step t's output: that step's rows of dy, plus what flows back from t + 1. */
function stepGrad(
  dy: tf.Tensor2D,
  t: number,
  L: number,
  seq: boolean,
  step: tf.Tensor2D[],
  next: tf.Tensor2D | null,
): tf.Tensor2D {
  const own = seq ? pickRows(dy, step[t]) : t === L - 1 ? dy : null;
  if (own && next) return tf.add(own, next);
  return (own ?? next) as tf.Tensor2D;
}

/** U's gradient: Σ_t h_{t-1}ᵀ·dz_t as one product (h_{-1} = 0 adds nothing). */
const recurrentGrad = (hs: tf.Tensor2D[], dzs: tf.Tensor2D[], u: tf.Tensor2D) =>
  hs.length > 1 ? matMulTA(tf.concat(hs.slice(0, -1)), tf.concat(dzs.slice(1))) : tf.zerosLike(u);

type Op = (...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  value: tf.Tensor2D;
  gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => tf.Tensor[];
};

/**
 * An LSTM over `steps` timesteps: xp [L·B, 4H] (inputs already projected), u [H, 4H]. Returns every
 * step's h [L·B, H] (time-major) with `sequences`, else the last one [B, H]. Zero initial state.
 */
export function lstm(xp: tf.Tensor2D, u: tf.Tensor2D, steps: number, sequences: boolean): tf.Tensor2D {
  const op: Op = (...args) => {
    const save = args[2] as tf.GradSaveFunc;
    const L = steps;
    const B = xp.shape[0] / L;
    const H = u.shape[0];
    const { step, gate } = indices(L, B, 4);
    // The g block goes through σ(2x), so that tanh(x) = 2σ(2x) - 1 shares the gates' sigmoid.
    const scale = tf.tensor1d(Float32Array.from({ length: 4 * H }, (_, j) => (j < 3 * H ? 1 : 2)));
    const s: tf.Tensor2D[] = [];
    const [gi, gf, go, gg, cs, tcs, hs]: tf.Tensor2D[][] = [[], [], [], [], [], [], []];
    let h: tf.Tensor2D | null = null;
    let c: tf.Tensor2D | null = null;
    for (let t = 0; t < L; t++) {
      const xt = pickRows(xp, step[t]);
      const z: tf.Tensor2D = h ? tf.add(xt, tf.matMul(h, u)) : xt;
      const st = tf.sigmoid(tf.mul(z, scale)) as tf.Tensor2D;
      const [i, f, o, sg] = gate.map((g) => gateOf(st, g, 4));
      const g = tf.sub(tf.mul(sg, 2), 1) as tf.Tensor2D;
      c = c ? (tf.add(tf.mul(f, c), tf.mul(i, g)) as tf.Tensor2D) : (tf.mul(i, g) as tf.Tensor2D);
      const tc = tanh(c);
      h = tf.mul(o, tc) as tf.Tensor2D;
      s.push(st);
      gi.push(i);
      gf.push(f);
      go.push(o);
      gg.push(g);
      cs.push(c);
      tcs.push(tc);
      hs.push(h);
    }
    save([u, ...step, ...s, ...gi, ...gf, ...go, ...gg, ...cs, ...tcs, ...hs]);
    return {
      value: sequences ? tf.concat(hs) : (h as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [su, ...rest] = saved as tf.Tensor2D[];
        const part = (k: number) => rest.slice(k * L, (k + 1) * L);
        const [sStep, sS, sI, sF, sO, sG, sC, sTc, sH] = Array.from({ length: 9 }, (_, k) => part(k));
        const ut = tf.transpose(su);
        // dz = dgate ⊙ σ'(scaled z) ⊙ scale: s(1 - s) for i, f, o and 4 s(1 - s) = 1 - g² for g.
        const dscale = tf.tensor1d(Float32Array.from({ length: 4 * H }, (_, j) => (j < 3 * H ? 1 : 4)));
        const dzs: tf.Tensor2D[] = new Array(L);
        let dhNext: tf.Tensor2D | null = null;
        let dcNext: tf.Tensor2D | null = null;
        for (let t = L - 1; t >= 0; t--) {
          const dh = stepGrad(dy, t, L, sequences, sStep, dhNext);
          const dO = tf.mul(dh, sTc[t]);
          let dc = tf.mul(tf.mul(dh, sO[t]), tf.sub(1, tf.square(sTc[t]))) as tf.Tensor2D;
          if (dcNext) dc = tf.add(dc, dcNext);
          const dF = t > 0 ? tf.mul(dc, sC[t - 1]) : tf.zerosLike(dc);
          const dA = tf.concat([tf.mul(dc, sG[t]), dF, dO, tf.mul(dc, sI[t])], 1);
          const dz = tf.mul(dA, tf.mul(tf.mul(sS[t], tf.sub(1, sS[t])), dscale)) as tf.Tensor2D;
          dzs[t] = dz;
          if (t > 0) {
            dcNext = tf.mul(dc, sF[t]);
            dhNext = tf.matMul(dz, ut);
          }
        }
        return [tf.concat(dzs), recurrentGrad(sH, dzs, su)];
      },
    };
  };
  return tf.customGrad(op)(xp, u);
}

/**
 * A GRU: xp [L·B, 3H] (x·W + b), u [H, 3H], bhn [H] (the recurrent bias of the candidate, inside the reset
 * gate). Output as for `lstm`.
 */
export function gru(
  xp: tf.Tensor2D,
  u: tf.Tensor2D,
  bhn: tf.Tensor1D,
  steps: number,
  sequences: boolean,
): tf.Tensor2D {
  const op: Op = (...args) => {
    const save = args[3] as tf.GradSaveFunc;
    const L = steps;
    const B = xp.shape[0] / L;
    const { step, gate } = indices(L, B, 3);
    const [gr, gz, gn, mns]: tf.Tensor[][] = [[], [], [], []];
    const hs: tf.Tensor2D[] = [];
    let h: tf.Tensor2D | null = null;
    for (let t = 0; t < L; t++) {
      const xt = pickRows(xp, step[t]);
      const m: tf.Tensor2D | null = h ? tf.matMul(h, u) : null;
      const s = tf.sigmoid(m ? tf.add(xt, m) : xt) as tf.Tensor2D;
      const r = gateOf(s, gate[0], 3);
      const z = gateOf(s, gate[1], 3);
      const mn = m ? tf.add(gateOf(m, gate[2], 3), bhn) : bhn;
      const n = tanh(tf.add(gateOf(xt, gate[2], 3), tf.mul(r, mn)));
      h = (h ? tf.add(n, tf.mul(z, tf.sub(h, n))) : tf.sub(n, tf.mul(z, n))) as tf.Tensor2D;
      gr.push(r);
      gz.push(z);
      gn.push(n);
      mns.push(mn);
      hs.push(h);
    }
    save([u, ...step, ...gr, ...gz, ...gn, ...mns, ...hs]);
    return {
      value: sequences ? tf.concat(hs) : (h as tf.Tensor2D),
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
        const [su, ...rest] = saved as tf.Tensor2D[];
        const part = (k: number) => rest.slice(k * L, (k + 1) * L);
        const [sStep, sR, sZ, sN, sMn, sH] = Array.from({ length: 6 }, (_, k) => part(k));
        const ut = tf.transpose(su);
        const sig = (d: tf.Tensor, a: tf.Tensor) => tf.mul(d, tf.mul(a, tf.sub(1, a)));
        const dxs: tf.Tensor2D[] = new Array(L);
        const dms: tf.Tensor2D[] = new Array(L);
        const dmns: tf.Tensor[] = [];
        let dhNext: tf.Tensor2D | null = null;
        for (let t = L - 1; t >= 0; t--) {
          const dh = stepGrad(dy, t, L, sequences, sStep, dhNext);
          const n = sN[t];
          const dn = tf.mul(dh, tf.sub(1, sZ[t]));
          const dz = t > 0 ? tf.mul(dh, tf.sub(sH[t - 1], n)) : tf.neg(tf.mul(dh, n));
          const dnPre = tf.mul(dn, tf.sub(1, tf.square(n)));
          const dmn = tf.mul(dnPre, sR[t]);
          const dr = tf.mul(dnPre, sMn[t]);
          const rz = [sig(dr, sR[t]), sig(dz, sZ[t])];
          dxs[t] = tf.concat([...rz, dnPre], 1) as tf.Tensor2D;
          dms[t] = tf.concat([...rz, dmn], 1) as tf.Tensor2D;
          dmns.push(dmn);
          if (t > 0) dhNext = tf.add(tf.mul(dh, sZ[t]), tf.matMul(dms[t], ut));
        }
        return [tf.concat(dxs), recurrentGrad(sH, dms, su), tf.sum(tf.concat(dmns), 0)];
      },
    };
  };
  return tf.customGrad(op)(xp, u, bhn);
}
