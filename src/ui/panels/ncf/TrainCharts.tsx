import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { AXIS, ChartCard, GRID, TOOLTIP_STYLE } from '../../charts/ChartCard';
import type { BatchPoint, EpochPoint, LiveRun, RunRecord } from '../../hooks/ncfStore';
import { fmtNum } from './format';

/** recharts leaves a gap at null; NaN would draw nonsense. */
const finite = (x: number | null | undefined): number | null =>
  typeof x === 'number' && Number.isFinite(x) ? x : null;

/** Enough significant digits to tell neighbouring ticks apart when a curve barely moves. */
const tick = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(4))) : '');
const LEGEND = { iconSize: 10, wrapperStyle: { fontSize: 11 } };

function EpochLoss({ shown, phase }: { shown: EpochPoint[]; phase: string }) {
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
      <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} tick={AXIS} />
        <YAxis tick={AXIS} tickFormatter={tick} width={48} domain={['auto', 'auto']} />
        <Tooltip
          {...TOOLTIP_STYLE}
          formatter={(v) => fmtNum(Number(v))}
          labelFormatter={(l) => `Epoch ${l}`}
        />
        <Legend {...LEGEND} />
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
}

function BatchLoss({ batches }: { batches: BatchPoint[] }) {
  return (
    <ChartCard
      title="Loss per batch (smoothed)"
      testId="chart-batch-loss"
      points={batches.length}
      empty={batches.length === 0 ? 'Waiting for the first batches…' : null}
      caption="Read about ten times a second: the mean loss since the last read (faint) and its moving average. The x axis counts epochs, pretraining included."
    >
      <LineChart data={batches} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis
          dataKey="x"
          type="number"
          domain={[0, 'dataMax']}
          tick={AXIS}
          tickFormatter={(v: number) => String(Number(v.toPrecision(2)))}
        />
        <YAxis tick={AXIS} tickFormatter={tick} width={48} domain={['auto', 'auto']} />
        <Tooltip
          {...TOOLTIP_STYLE}
          formatter={(v) => fmtNum(Number(v))}
          labelFormatter={(l) => `Epoch ${Number(l).toFixed(2)}`}
        />
        <Line
          dataKey="loss"
          name="loss"
          stroke="#94a3b8"
          strokeOpacity={0.5}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          dataKey="smoothed"
          name="smoothed"
          stroke="#0d9488"
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ChartCard>
  );
}

function EpochMetric({ shown }: { shown: EpochPoint[] }) {
  const data = shown.map((e) => ({ epoch: e.report.epoch, value: finite(e.report.metric?.value) }));
  const name = shown.find((e) => e.report.metric)?.report.metric?.name ?? null;
  const points = data.filter((d) => d.value !== null).length;
  return (
    <ChartCard
      title={name ? `Ranking metric per epoch: ${name}` : 'Ranking metric per epoch'}
      testId="chart-epoch-metric"
      points={points}
      empty={points === 0 ? 'Computed after every epoch; the first arrives at the end of epoch 1.' : null}
      caption="The ranking metric on the held-out data after each epoch: what the model is for, where the loss is only how it learns."
    >
      <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
        <CartesianGrid vertical={false} stroke={GRID} />
        <XAxis dataKey="epoch" type="number" domain={[1, 'dataMax']} allowDecimals={false} tick={AXIS} />
        <YAxis tick={AXIS} tickFormatter={tick} width={48} domain={[0, 'auto']} />
        <Tooltip
          {...TOOLTIP_STYLE}
          formatter={(v) => [fmtNum(Number(v)), name ?? 'metric']}
          labelFormatter={(l) => `Epoch ${l}`}
        />
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
}

/** The curves of the run in flight, or of the last run once it is done. */
export function TrainCharts({ live, run }: { live: LiveRun | null; run: RunRecord | null }) {
  const batches = live ? live.batches : (run?.batches ?? []);
  const epochs = live ? live.epochs : (run?.epochs ?? []);
  const phase = epochs.at(-1)?.phase ?? 'training';
  const shown = epochs.filter((e) => e.phase === phase);
  const kind = (live?.config ?? run?.result.config)?.model.kind;
  if (kind === 'itempop') return null;
  return (
    <div className="charts ncf-charts" data-testid="train-charts">
      <BatchLoss batches={batches} />
      <EpochLoss shown={shown} phase={phase} />
      <EpochMetric shown={shown} />
    </div>
  );
}
