/**
 * Every run on the latest run's held-out items side by side: HR@10 over all items as bars, popularity's
 * figure on the same items as a dashed line. Plain SVG, drawn only when a run finishes.
 */
import { memo } from 'react';
import { niceTicks } from '../../training/LiveCurve';
import { fmtNum, kindShort } from '../../training/format';
import type { TrainingStore } from '../../training/store';
import { useTraining } from '../../training/useTraining';
import { compareRuns, type Comparison } from './compare';

const ROW = 26;
const PAD = { left: 120, right: 56, top: 8, bottom: 38 };
const WIDTH = 640;

function Bars({ c, store }: { c: Comparison; store: TrainingStore }) {
  const max = Math.max(c.popularity ?? 0, ...c.bars.map((b) => b.value));
  const ticks = niceTicks(0, max > 0 ? max : 0.1, 5);
  const top = Math.max(ticks.at(-1) ?? 0.1, max);
  const inner = WIDTH - PAD.left - PAD.right;
  const x = (v: number) => PAD.left + (v / top) * inner;
  const height = PAD.top + c.bars.length * ROW + PAD.bottom;
  const axisY = PAD.top + c.bars.length * ROW;
  return (
    <svg
      className="seq-bars"
      viewBox={`0 0 ${WIDTH} ${height}`}
      role="img"
      aria-label="HR@10 over all items per run"
      data-testid="seq-bars"
      data-points={c.bars.length}
    >
      {ticks.map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={PAD.top} y2={axisY} className="seq-grid" />
          <text x={x(t)} y={axisY + 14} textAnchor="middle" className="seq-tick">
            {fmtNum(t, t === 0 ? 0 : 2)}
          </text>
        </g>
      ))}
      {c.bars.map((b, j) => {
        const y = PAD.top + j * ROW;
        return (
          <g key={b.no} data-testid="seq-bar" data-kind={b.kind}>
            <text x={PAD.left - 8} y={y + ROW / 2 + 4} textAnchor="end" className="seq-bar-label">
              #{b.no} {kindShort(store.spec, b.kind)}
            </text>
            <rect
              x={PAD.left}
              y={y + 4}
              width={Math.max(1, x(b.value) - PAD.left)}
              height={ROW - 8}
              rx={3}
              className={b.untrained ? 'seq-bar seq-bar-baseline' : 'seq-bar'}
            />
            <text x={x(b.value) + 6} y={y + ROW / 2 + 4} className="seq-bar-value">
              {fmtNum(b.value, 3)}
            </text>
          </g>
        );
      })}
      {c.popularity !== null && (
        <g data-testid="seq-pop-line">
          <line
            x1={x(c.popularity)}
            x2={x(c.popularity)}
            y1={PAD.top - 4}
            y2={axisY}
            className="seq-pop-line"
          />
          <text x={x(c.popularity)} y={axisY + 30} textAnchor="middle" className="seq-pop-label">
            popularity {fmtNum(c.popularity, 3)}
          </text>
        </g>
      )}
    </svg>
  );
}

export const Compare = memo(function Compare({ store }: { store: TrainingStore }) {
  const runs = useTraining(store, (s) => s.runs);
  if (runs.length === 0) return null;
  const c = compareRuns(runs, store.spec.untrained);
  return (
    <section className="seq-compare" data-testid="seq-compare">
      <h3 className="section-title">Compare: HR@10 over all items</h3>
      {c.bars.length === 0 ? (
        <p className="empty-state">The latest run reported no HR@10: train a model to compare.</p>
      ) : (
        <Bars c={c} store={store} />
      )}
      <p className="hint">
        Each run’s held-out items on {c.dataset}, ranked among every item. The dashed line is popularity on
        the same items: a model left of it learnt nothing about order. Grey bars need no training.
        {c.elsewhere > 0 &&
          ` ${c.elsewhere} run${c.elsewhere > 1 ? 's' : ''} on other data or another split ${c.elsewhere > 1 ? 'are' : 'is'} left out.`}
      </p>
    </section>
  );
});
