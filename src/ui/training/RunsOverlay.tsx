import './training.css';
import { memo, useState } from 'react';
import { CartesianGrid, Label, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS, ChartCard, GRID, TOOLTIP_STYLE } from '../charts/ChartCard';
import type { FamilySpec } from '../../train/spec';
import type { RunRecord } from './store';
import { RUN_COLOURS, fmtNum, kindLabel } from './format';

const SERIES = {
  metric: { label: 'Validation figure', pick: (r: RunRecord['epochs'][number]) => r.report.metric?.value },
  loss: { label: 'Training loss', pick: (r: RunRecord['epochs'][number]) => r.report.loss },
  val: { label: 'Validation loss', pick: (r: RunRecord['epochs'][number]) => r.report.valLoss },
} as const;
type SeriesKey = keyof typeof SERIES;
const SERIES_KEYS: readonly SeriesKey[] = ['metric', 'loss', 'val'];

/** Each run's finite per-epoch values of one series; runs without any are left out. */
function linesOf(runs: RunRecord[], series: SeriesKey) {
  return runs
    .map((r) => ({
      run: r,
      data: r.epochs
        .filter((e) => e.phase === 'training')
        .map((e) => ({ epoch: e.report.epoch, v: SERIES[series].pick(e) ?? null }))
        .filter((d): d is { epoch: number; v: number } => typeof d.v === 'number' && Number.isFinite(d.v)),
    }))
    .filter((l) => l.data.length > 0);
}

/** Every trained run's per-epoch curve on one chart. */
export const RunsOverlay = memo(function RunsOverlay({
  runs,
  spec,
}: {
  runs: RunRecord[];
  spec: FamilySpec;
}) {
  const [picked, setSeries] = useState<SeriesKey>('metric');
  // A family without a validation figure (the rating towers) or without a validation share offers only the
  // curves its runs have, so the chart never opens on an empty tab.
  const offered = SERIES_KEYS.filter((k) => linesOf(runs, k).length > 0);
  const series = offered.includes(picked) ? picked : (offered[0] ?? picked);
  const lines = linesOf(runs, series);
  const points = lines.reduce((n, l) => n + l.data.length, 0);
  return (
    <div className="overlay">
      <div className="overlay-pick" role="radiogroup" aria-label="Curve">
        {(offered.length > 0 ? offered : SERIES_KEYS).map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={series === k}
            className={`model-chip ${series === k ? 'active' : ''}`}
            onClick={() => setSeries(k)}
          >
            {SERIES[k].label}
          </button>
        ))}
      </div>
      <ChartCard
        title={`${SERIES[series].label} per epoch, every run`}
        testId="chart-runs-overlay"
        points={points}
        empty={
          points === 0
            ? 'No run has this curve yet (item popularity does not train; validation loss needs a validation share).'
            : null
        }
        caption="Each trained run of this session on one chart. Runs of different data or protocols are not comparable: check the table first."
        height={240}
      >
        <LineChart margin={{ top: 8, right: 12, bottom: 14, left: 8 }}>
          <CartesianGrid vertical={false} stroke={GRID} />
          <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} tick={AXIS}>
            <Label value="epoch" position="insideBottom" offset={-8} style={AXIS} />
          </XAxis>
          <YAxis tick={AXIS} width={56} domain={['auto', 'auto']} tickFormatter={(v: number) => fmtNum(v, 3)}>
            <Label
              value={SERIES[series].label.toLowerCase()}
              angle={-90}
              position="insideLeft"
              offset={4}
              style={{ ...AXIS, textAnchor: 'middle' }}
            />
          </YAxis>
          <Tooltip
            {...TOOLTIP_STYLE}
            formatter={(v) => fmtNum(Number(v))}
            labelFormatter={(l) => `Epoch ${l}`}
          />
          <Legend iconSize={10} wrapperStyle={{ fontSize: 11, paddingTop: 12 }} />
          {lines.map((l) => (
            <Line
              key={l.run.no}
              data={l.data}
              dataKey="v"
              name={`#${l.run.no} ${kindLabel(spec, l.run.result.config.model.kind)}`}
              stroke={RUN_COLOURS[(l.run.no - 1) % RUN_COLOURS.length]}
              strokeWidth={2}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ChartCard>
    </div>
  );
});
