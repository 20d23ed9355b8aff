/**
 * The live curves of a run: the smoothed batch loss, the loss per epoch (with the validation loss), and
 * the validation figure per epoch beside a baseline's. Plain SVG (LiveCurve), each memoised on its own
 * series, so a progress tick redraws the batch curve alone, a few times a second at most, and an epoch's
 * report costs a few path strings rather than a charting library's scene.
 */
import { memo } from 'react';
import { ChartCard } from '../charts/ChartCard';
import { fmtNum } from './format';
import { LiveCurve } from './LiveCurve';
import { shownEpochs, type BatchPoint, type EpochPoint } from './live';
import type { TrainingStore } from './store';
import { useTraining } from './useTraining';

/** A gap, never NaN, where a figure is missing. */
const finite = (x: number | null | undefined): number | null =>
  typeof x === 'number' && Number.isFinite(x) ? x : null;

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
  const loss = shown.map((e) => finite(e.report.loss));
  const val = shown.map((e) => finite(e.report.valLoss));
  const hasVal = val.some((v) => v !== null);
  return (
    <ChartCard
      title={`Loss per epoch${phase === 'training' ? '' : ` (${phase})`}`}
      testId="chart-epoch-loss"
      points={shown.length}
      empty={shown.length === 0 ? 'The first point arrives at the end of epoch 1.' : null}
      caption={
        hasVal
          ? 'Training loss and the loss on held-back training examples. When validation loss turns up while training loss falls, the model is memorising.'
          : 'Mean training loss per example. Set a validation share (under Advanced settings) to see the validation loss beside it.'
      }
      bare
    >
      <LiveCurve
        xs={shown.map((e) => e.report.epoch)}
        series={[
          { name: 'training loss', colour: '#4f46e5', ys: loss },
          ...(hasVal ? [{ name: 'validation loss', colour: '#f59e0b', ys: val }] : []),
        ]}
        xTitle="epoch"
        yTitle="loss per example"
        dots
        integerX
      />
    </ChartCard>
  );
});

const EpochMetric = memo(function EpochMetric({ shown }: { shown: EpochPoint[] }) {
  const ys = shown.map((e) => finite(e.report.metric?.value));
  const first = shown.find((e) => e.report.metric);
  const name = first?.report.metric?.name ?? null;
  const baseline = first?.report.baseline ?? null;
  const values = ys.filter((v): v is number => v !== null);
  return (
    <ChartCard
      title={name ? `Per epoch: ${name}` : 'Ranking metric per epoch'}
      testId="chart-epoch-metric"
      points={values.length}
      empty={
        values.length === 0 ? 'Computed after every epoch; the first arrives at the end of epoch 1.' : null
      }
      caption="Measured on held-out validation data after each epoch: what the model is for, where the loss is only how it learns. The dashed line is a baseline that needs no training."
      bare
    >
      <LiveCurve
        xs={shown.map((e) => e.report.epoch)}
        series={[{ name: name ?? 'metric', colour: '#ec4899', ys }]}
        xTitle="epoch"
        yTitle={name ?? 'metric'}
        dots
        integerX
        domain={metricDomain(baseline ? [...values, baseline.value] : values)}
        reference={
          baseline ? { y: baseline.value, label: `${baseline.name} ${fmtNum(baseline.value, 3)}` } : undefined
        }
      />
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
