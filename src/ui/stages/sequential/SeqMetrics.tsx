/**
 * A finished sequential run's figures: the held-out item ranked among every item (HR, NDCG, MRR and the
 * seed's top-1 accuracy), the sampled figures labelled as such, and what popularity and guessing reach on
 * the same items, so a figure is never read alone.
 */
import type { SeqDetail } from '../../../models/sequential/family';
import { fmtCount, fmtNum } from '../../training/format';
import type { RunRecord } from '../../training/store';

interface Card {
  label: string;
  /** The figure's key in the run's metrics. */
  key: string;
  note: string;
  testId: string;
}

export function SeqMetrics({ run }: { run: RunRecord }) {
  const m = run.result.metrics;
  const d = run.result.detail as Partial<SeqDetail> | null;
  const k = d?.test?.k ?? 10;
  const sampled = d?.test?.sampled ?? null;
  const full = d?.nItems ? `among all ${fmtCount(d.nItems)} items` : 'among all items';
  const cards: Card[] = [
    { label: `HR@${k}`, key: `hr@${k}_full`, note: full, testId: 'seq-metric-hr' },
    { label: `NDCG@${k}`, key: `ndcg@${k}_full`, note: full, testId: 'seq-metric-ndcg' },
    { label: 'MRR', key: 'mrr_full', note: full, testId: 'seq-metric-mrr' },
    {
      label: 'Top-1 accuracy',
      key: 'accuracy',
      note: d?.nItems ? `seed 000’s metric; guessing: ${fmtNum(1 / d.nItems)}` : 'seed 000’s metric',
      testId: 'seq-metric-accuracy',
    },
    ...(sampled
      ? [
          {
            label: `HR@${k} sampled`,
            key: `hr@${k}`,
            note: `among ${sampled.negatives} never-seen items`,
            testId: 'seq-metric-hr-sampled',
          },
        ]
      : []),
  ];
  const pop = d?.popularity;
  return (
    <>
      <div className="seq-cards">
        {cards.map((c) => (
          <div className="seq-card" key={c.testId} title={run.result.metricLabels[c.key]}>
            <span className="seq-card-label">{c.label}</span>
            <span className="seq-card-value" data-testid={c.testId}>
              {fmtNum(m[c.key])}
            </span>
            <span className="seq-card-note">{c.note}</span>
          </div>
        ))}
      </div>
      <p className="hint" data-testid="seq-floor">
        {d?.test
          ? `${fmtCount(d.test.targets)} held-out items, each ranked after the user’s last ${d.window} items. `
          : ''}
        {pop
          ? `Popularity on the same items: HR@${k} ${fmtNum(pop.hr)}, NDCG@${k} ${fmtNum(pop.ndcg)}. `
          : ''}
        {d?.nItems ? `Guessing: HR@${k} ${fmtNum(k / d.nItems)}. ` : ''}
        Sampled figures rank the item among a few never-seen ones only, and flatter every model.
      </p>
    </>
  );
}
