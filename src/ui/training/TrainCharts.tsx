/**
 * The live curves of a run: the smoothed batch loss, the loss per epoch (with the validation loss), and
 * the validation figure per epoch beside a baseline's. Each chart is memoised on its own series, so a
 * progress tick redraws the batch curve alone, a few times a second at most.
 */
import { memo } from 'react';
import {
  CartesianGrid,
  Label,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { AXIS, ChartCard, GRID, TOOLTIP_STYLE } from '../charts/ChartCard';
import { fmtNum } from './format';
import { LiveCurve } from './LiveCurve';
import { shownEpochs, type BatchPoint, type EpochPoint } from './live';
import type { TrainingStore } from './store';
import { useTraining } from './useTraining';

/** recharts leaves a gap at null; NaN would draw nonsense. */
const finite = (x: number | null | undefined): number | null =>
  typeof x === 'number' && Number.isFinite(x) ? x : null;

/** Enough significant digits to tell neighbouring ticks apart when a curve barely moves. */
const tick = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(3))) : '');
const LEGEND = { iconSize: 10, wrapperStyle: { fontSize: 11 } };
const MARGIN = { top: 8, right: 12, bottom: 14, left: 8 };

const xTitle = (value: string) => <Label value={value} position="insideBottom" offset={-8} style={AXIS} />;
const yTitle = (value: string) => (
  <Label
    value={value}
    angle={-90}
    position="insideLeft"
    offset={4}
    style={{ ...AXIS, textAnchor: 'middle' }}
  />
);

/**
 * A y domain with round ends and a span of at least `minSpan`, so a flat line reads flat instead of
 * filling the chart with ticks like 0.136, 0.136, 0.135.
 */
export function metricDomain(values: number[], minSpan = 0.05): [number, number] {
  if (values.length === 0) return [0, 1];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi - lo < minSpan) {
    const mid = (hi + lo) / 2;
    lo = mid - minSpan / 2;
    hi = mid + minSpan / 2;
  }
  const step = 10 ** Math.floor(Math.log10(hi - lo)) / 2;
  lo = Math.max(0, Math.floor(lo / step) * step);
  hi = Math.ceil(hi / step) * step;
  return [Number(lo.toFixed(6)), Number(hi.toFixed(6))];
}

const BatchLoss = memo(function BatchLoss({ batches }: { batches: BatchPoint[] }) {
  return (
    <ChartCard
      title="Loss per batch (smoothed)"
      testId="chart-batch-loss"
      points={batches.length}
      empty={batches.length === 0 ? 'Waiting for the first batches…' : null}
      caption="Read a few times a second: the mean loss since the last read (faint) and its moving average. Pretraining phases run on along the x axis."
      bare
    >
      <LiveCurve
        xs={batches.map((b) => b.x)}
        series={[
          { name: 'loss', colour: '#94a3b8', ys: batches.map((b) => b.loss), faint: true },
          { name: 'smoothed', colour: '#0d9488', ys: batches.map((b) => b.smoothed) },
        ]}
        xTitle="epoch"
        yTitle="loss"
        formatX={(v) => String(Number(v.toPrecision(2)))}
      />
    </ChartCard>
  );
});

const EpochLoss = memo(function EpochLoss({ shown, phase }: { shown: EpochPoint[]; phase: string }) {
  const data = shown.map((e) => ({
    epoch: e.report.epoch,
    loss: finite(e.report.loss),
    val: finite(e.report.valLoss),
  }));
  const hasVal = data.some((d) => d.val !== null);
  return (
    <ChartCard
      title={`Loss per epoch${phase === 'training' ? '' : ` (${phase})`}`}
      testId="chart-epoch-loss"
      points={data.length}
      empty={data.length === 0 ? 'The first point arrives at the end of epoch 1.' : null}
      caption={
        hasVal
          ? 'Training loss and the loss on held-back training examples. When validation loss turns up while training loss falls, the model is memorising.'
          : 'Mean training loss per example. Set a validation share to see the validation loss beside it.'
      }
    >
      <LineChart data={data} margin={MARGIN}>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} tick={AXIS}>
          {xTitle('epoch')}
        </XAxis>
        <YAxis tick={AXIS} tickFormatter={tick} width={56} domain={['auto', 'auto']}>
          {yTitle('loss per example')}
        </YAxis>
        <Tooltip
          {...TOOLTIP_STYLE}
          formatter={(v) => fmtNum(Number(v))}
          labelFormatter={(l) => `Epoch ${l}`}
        />
        <Legend {...LEGEND} verticalAlign="top" />
        <Line
          dataKey="loss"
          name="training loss"
          stroke="#4f46e5"
          strokeWidth={2}
          isAnimationActive={false}
        />
        {hasVal && (
          <Line
            dataKey="val"
            name="validation loss"
            stroke="#f59e0b"
            strokeWidth={2}
            isAnimationActive={false}
          />
        )}
      </LineChart>
    </ChartCard>
  );
});

const EpochMetric = memo(function EpochMetric({ shown }: { shown: EpochPoint[] }) {
  const data = shown.map((e) => ({ epoch: e.report.epoch, value: finite(e.report.metric?.value) }));
  const first = shown.find((e) => e.report.metric);
  const name = first?.report.metric?.name ?? null;
  const baseline = first?.report.baseline ?? null;
  const values = data.flatMap((d) => (d.value === null ? [] : [d.value]));
  const domain = metricDomain(baseline ? [...values, baseline.value] : values);
  return (
    <ChartCard
      title={name ? `Per epoch: ${name}` : 'Ranking metric per epoch'}
      testId="chart-epoch-metric"
      points={values.length}
      empty={
        values.length === 0 ? 'Computed after every epoch; the first arrives at the end of epoch 1.' : null
      }
      caption="Measured on held-out data after each epoch: what the model is for, where the loss is only how it learns. The dashed line is a baseline that needs no training."
    >
      <LineChart data={data} margin={MARGIN}>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} tick={AXIS}>
          {xTitle('epoch')}
        </XAxis>
        <YAxis tick={AXIS} tickFormatter={tick} width={56} domain={domain} tickCount={6}>
          {yTitle(name ?? 'metric')}
        </YAxis>
        <Tooltip
          {...TOOLTIP_STYLE}
          formatter={(v) => [fmtNum(Number(v)), name ?? 'metric']}
          labelFormatter={(l) => `Epoch ${l}`}
        />
        {baseline && (
          <ReferenceLine y={baseline.value} stroke="#94a3b8" strokeDasharray="5 4" ifOverflow="extendDomain">
            <Label
              value={`${baseline.name} ${fmtNum(baseline.value, 3)}`}
              position="insideBottomRight"
              style={AXIS}
            />
          </ReferenceLine>
        )}
        <Line
          dataKey="value"
          name={name ?? 'metric'}
          stroke="#ec4899"
          strokeWidth={2}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartCard>
  );
});

/** The curves of the run in flight, or of the last run once it is done. */
export function TrainCharts({ store }: { store: TrainingStore }) {
  const live = useTraining(store, (s) => s.live);
  const last = useTraining(store, (s) => s.runs.at(-1) ?? null);
  const batches = live ? live.batches : (last?.batches ?? []);
  const epochs = live ? live.epochs : (last?.epochs ?? []);
  const kind = (live?.config ?? last?.result.config)?.model.kind;
  if (!live && !last) return null;
  if (kind && store.spec.untrained.includes(kind)) return null;
  const { phase, shown } = shownEpochs(epochs);
  return (
    <div className="charts train-charts" data-testid="train-charts">
      <BatchLoss batches={batches} />
      <EpochLossShown epochs={epochs} phase={phase} shown={shown} />
      <EpochMetricShown epochs={epochs} shown={shown} />
    </div>
  );
}

/** Keyed on the epochs array, so the filtered copy does not break the memo on every progress tick. */
const EpochLossShown = memo(
  ({ phase, shown }: { epochs: EpochPoint[]; phase: string; shown: EpochPoint[] }) => (
    <EpochLoss shown={shown} phase={phase} />
  ),
  (a, b) => a.epochs === b.epochs,
);
const EpochMetricShown = memo(
  ({ shown }: { epochs: EpochPoint[]; shown: EpochPoint[] }) => <EpochMetric shown={shown} />,
  (a, b) => a.epochs === b.epochs,
);
