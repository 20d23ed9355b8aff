/**
 * Classification metrics on held-out labelled pairs, with the majority-class accuracy beside them:
 * seed 000's lesson is that 0.80 accuracy on a 4:1 negative set is exactly what always saying "no"
 * scores, and AUC shows whether anything was learnt.
 */

export interface Classification {
  n: number;
  threshold: number;
  accuracy: number;
  /** Accuracy of always predicting the more frequent label. */
  majorityAccuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** Area under the ROC curve, ties counted half (Mann-Whitney). */
  auc: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** Seed 002's MSE and MAE: between the predicted probability and the 0/1 label. */
  mse: number;
  mae: number;
  /** Mean binary cross-entropy of the probabilities (Keras' val_loss in seeds 000 and 002). */
  logLoss: number;
  /** Standard deviation of the predicted probabilities (seed 001's sanity check). */
  predictionStd: number;
}

export function classify(prob: Float32Array, label: Float32Array, threshold = 0.5): Classification {
  const n = prob.length;
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  let se = 0;
  let ae = 0;
  let ll = 0;
  let sum = 0;
  let sum2 = 0;
  for (let j = 0; j < n; j++) {
    const p = prob[j];
    const y = label[j] >= 0.5;
    const yes = p >= threshold;
    if (yes && y) tp++;
    else if (yes) fp++;
    else if (y) fn++;
    else tn++;
    const d = p - (y ? 1 : 0);
    se += d * d;
    ae += Math.abs(d);
    // Clipped as Keras clips, so one confident mistake stays finite.
    const q = Math.min(1 - 1e-7, Math.max(1e-7, p));
    ll -= y ? Math.log(q) : Math.log(1 - q);
    sum += p;
    sum2 += p * p;
  }
  const pos = tp + fn;
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0;
  const recall = pos > 0 ? tp / pos : 0;
  const mean = n ? sum / n : 0;
  return {
    n,
    threshold,
    accuracy: n ? (tp + tn) / n : 0,
    majorityAccuracy: n ? Math.max(pos, n - pos) / n : 0,
    precision,
    recall,
    f1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    auc: auc(prob, label),
    tp,
    fp,
    tn,
    fn,
    mse: n ? se / n : 0,
    mae: n ? ae / n : 0,
    logLoss: n ? ll / n : 0,
    predictionStd: n ? Math.sqrt(Math.max(0, sum2 / n - mean * mean)) : 0,
  };
}

/** ROC AUC by ranks: the probability a random positive outscores a random negative (ties: half). */
export function auc(score: Float32Array, label: Float32Array): number {
  const n = score.length;
  const order = Array.from({ length: n }, (_, j) => j).sort((a, b) => score[a] - score[b]);
  let rankSum = 0;
  let pos = 0;
  for (let s = 0; s < n;) {
    let e = s;
    while (e + 1 < n && score[order[e + 1]] === score[order[s]]) e++;
    const avgRank = (s + e) / 2 + 1;
    for (let j = s; j <= e; j++) {
      if (label[order[j]] >= 0.5) {
        rankSum += avgRank;
        pos++;
      }
    }
    s = e + 1;
  }
  const neg = n - pos;
  if (pos === 0 || neg === 0) return 0.5;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/** Warnings a reader should see before trusting the numbers. */
export function sanityWarnings(c: Classification): string[] {
  const w: string[] = [];
  if (c.predictionStd < 0.01) {
    w.push(
      `predictions barely vary (std ${c.predictionStd.toFixed(4)} < 0.01): every user gets about the same scores`,
    );
  }
  if (c.n > 0 && (c.tp + c.fp === 0 || c.tn + c.fn === 0)) {
    const only = c.tp + c.fp === 0 ? 'negative' : 'positive';
    w.push(
      `the model predicts only the ${only} class at ${c.threshold}: accuracy ${c.accuracy.toFixed(3)} is the majority-class rate ${c.majorityAccuracy.toFixed(3)}`,
    );
  }
  if (c.n > 0 && Math.abs(c.auc - 0.5) < 0.02) {
    w.push(
      `AUC ${c.auc.toFixed(3)} is chance level: the model ranks held-out positives no better than random`,
    );
  }
  return w;
}
