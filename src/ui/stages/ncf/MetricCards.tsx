import type { EvalReport } from '../../../metrics/evaluate';
import { fmtCount, fmtNum } from '../../training/format';

interface Card {
  label: string;
  value: number | null | undefined;
  note: string;
  testId: string;
  title?: string;
}

function Cards({ cards }: { cards: Card[] }) {
  return (
    <div className="metric-cards">
      {cards.map((c) => (
        <div className="metric-card" key={c.testId} title={c.title}>
          <span className="metric-label">{c.label}</span>
          <span className="metric-value" data-testid={c.testId}>
            {fmtNum(c.value)}
          </span>
          <span className="metric-note">{c.note}</span>
        </div>
      ))}
    </div>
  );
}

/** Ranking metrics: sampled and full leave-one-out side by side, or top-K metrics on other splits. */
export function RankingCards({ m }: { m: EvalReport }) {
  if (m.sampled || m.full) {
    const k = m.sampled?.k ?? m.full?.k ?? 10;
    const sampledNote = `sampled: among ${m.sampled?.negatives ?? 100} never-seen items`;
    const fullNote = 'full: among every unrated item';
    const cards: Card[] = [
      {
        label: `HR@${k}`,
        value: m.sampled?.hr,
        note: sampledNote,
        testId: 'metric-hr-sampled',
        title: m.sampled?.label,
      },
      {
        label: `NDCG@${k}`,
        value: m.sampled?.ndcg,
        note: sampledNote,
        testId: 'metric-ndcg-sampled',
        title: m.sampled?.label,
      },
      {
        label: `HR@${k}`,
        value: m.full?.hr,
        note: m.full ? fullNote : 'full ranking was off',
        testId: 'metric-hr-full',
        title: m.full?.label,
      },
      {
        label: `NDCG@${k}`,
        value: m.full?.ndcg,
        note: m.full ? fullNote : 'full ranking was off',
        testId: 'metric-ndcg-full',
        title: m.full?.label,
      },
    ];
    return (
      <>
        <Cards cards={cards} />
        <ul className="metric-legend">
          {m.sampled && <li>{cap(m.sampled.label)}.</li>}
          {m.full && <li>{cap(m.full.label)}.</li>}
        </ul>
      </>
    );
  }
  if (!m.topK) return null;
  const t = m.topK;
  const note = `${fmtCount(t.users)} users`;
  return (
    <>
      <Cards
        cards={[
          { label: `Precision@${t.k}`, value: t.precision, note, testId: 'metric-precision-k' },
          { label: `Recall@${t.k}`, value: t.recall, note, testId: 'metric-recall-k' },
          { label: `MAP@${t.k}`, value: t.map, note, testId: 'metric-map-k' },
          { label: `NDCG@${t.k}`, value: t.ndcg, note, testId: 'metric-ndcg-k' },
          { label: `Hit rate@${t.k}`, value: t.hitRate, note: 'users with a hit', testId: 'metric-hit-k' },
        ]}
      />
      <ul className="metric-legend">
        <li>{cap(t.label)}.</li>
      </ul>
    </>
  );
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Accuracy beside what always answering the majority class scores, and the confusion matrix. */
export function ClassificationBlock({ m }: { m: EvalReport }) {
  const c = m.classification;
  if (!c) return null;
  return (
    <div className="classification" data-testid="classification">
      <Cards
        cards={[
          {
            label: 'Accuracy',
            value: c.accuracy,
            note: `majority class: ${fmtNum(c.majorityAccuracy)}`,
            testId: 'metric-accuracy',
          },
          { label: 'Precision', value: c.precision, note: `at ${c.threshold}`, testId: 'metric-precision' },
          { label: 'Recall', value: c.recall, note: `at ${c.threshold}`, testId: 'metric-recall' },
          { label: 'F1', value: c.f1, note: 'precision and recall', testId: 'metric-f1' },
          { label: 'AUC', value: c.auc, note: '0.5 is chance', testId: 'metric-auc' },
          {
            label: 'Log loss',
            value: c.logLoss,
            note: `prediction std ${fmtNum(c.predictionStd)}`,
            testId: 'metric-logloss',
          },
        ]}
      />
      <div className="confusion">
        <table className="data confusion-table" data-testid="confusion">
          <thead>
            <tr>
              <th />
              <th>predicted yes</th>
              <th>predicted no</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th>actual yes</th>
              <td className="num">TP {fmtCount(c.tp)}</td>
              <td className="num">FN {fmtCount(c.fn)}</td>
            </tr>
            <tr>
              <th>actual no</th>
              <td className="num">FP {fmtCount(c.fp)}</td>
              <td className="num">TN {fmtCount(c.tn)}</td>
            </tr>
          </tbody>
        </table>
        <p className="hint">
          {fmtCount(c.n)} labelled held-out pairs; probabilities are the {c.probabilities}. Always answering
          the more frequent label would score an accuracy of {fmtNum(c.majorityAccuracy)}: read accuracy
          against that, and read AUC.
        </p>
      </div>
    </div>
  );
}
