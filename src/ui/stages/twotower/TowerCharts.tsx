/**
 * The live curves of a two-tower run: the smoothed batch loss and the training and validation loss per
 * epoch, each on a linear or a log10 scale (the seed plots log10(MSE) beside MSE). The family reports no
 * per-epoch validation figure besides the loss, so there is no third chart.
 */
import { memo, useState } from 'react';
import { ChartCard } from '../../charts/ChartCard';
import { LiveCurve } from '../../training/LiveCurve';
import { shownEpochs, type BatchPoint, type EpochPoint } from '../../training/live';
import type { TrainingStore } from '../../training/store';
import { useTraining } from '../../training/useTraining';

/** A loss as the chart draws it: its log10 on the log scale, a gap where there is none to take. */
const scale =
  (log: boolean) =>
  (x: number | null | undefined): number | null => {
    if (typeof x !== 'number' || !Number.isFinite(x)) return null;
    if (!log) return x;
    return x > 0 ? Math.log10(x) : null;
  };

const BatchLoss = memo(function BatchLoss({ batches, log }: { batches: BatchPoint[]; log: boolean }) {
  const y = scale(log);
  return (
    <ChartCard
      title="Loss per batch (smoothed)"
      testId="tt-chart-batch-loss"
      points={batches.length}
      empty={batches.length === 0 ? 'Waiting for the first batches…' : null}
      caption="The mean loss since the last read (faint) and its moving average, a few times a second."
      bare
    >
      <LiveCurve
        xs={batches.map((b) => b.x)}
        series={[
          { name: 'loss', colour: '#94a3b8', ys: batches.map((b) => y(b.loss)), faint: true },
          { name: 'smoothed', colour: '#0d9488', ys: batches.map((b) => y(b.smoothed)) },
        ]}
        xTitle="epoch"
        yTitle={log ? 'log10(loss)' : 'loss'}
        formatX={(v) => String(Number(v.toPrecision(2)))}
      />
    </ChartCard>
  );
});

const EpochLoss = memo(function EpochLoss({ epochs, log }: { epochs: EpochPoint[]; log: boolean }) {
  const { shown } = shownEpochs(epochs);
  const y = scale(log);
  const val = shown.map((e) => y(e.report.valLoss));
  const hasVal = val.some((v) => v !== null);
  return (
    <ChartCard
      title="Training and validation loss per epoch"
      testId="tt-chart-epoch-loss"
      points={shown.length}
      empty={shown.length === 0 ? 'The first point arrives at the end of epoch 1.' : null}
      caption={
        hasVal
          ? 'Loss on the training ratings and on the held-back validation share. When validation turns up while training falls, the towers are memorising.'
          : 'Mean training loss per example. Set a validation share (under Advanced settings) to see the validation loss beside it.'
      }
      bare
    >
      <LiveCurve
        xs={shown.map((e) => e.report.epoch)}
        series={[
          { name: 'training loss', colour: '#4f46e5', ys: shown.map((e) => y(e.report.loss)) },
          ...(hasVal ? [{ name: 'validation loss', colour: '#f59e0b', ys: val }] : []),
        ]}
        xTitle="epoch"
        yTitle={log ? 'log10(loss per example)' : 'loss per example'}
        dots
        integerX
      />
    </ChartCard>
  );
});

/** The curves of the run in flight, or of the last run once it is done, with the scale toggle. */
export function TowerCharts({ store }: { store: TrainingStore }) {
  const live = useTraining(store, (s) => s.live);
  const last = useTraining(store, (s) => s.runs.at(-1) ?? null);
  const [log, setLog] = useState(false);
  if (!live && !last) return null;
  const batches = live ? live.batches : (last?.batches ?? []);
  const epochs = live ? live.epochs : (last?.epochs ?? []);
  return (
    <div className="tt-charts" data-testid="tt-charts" data-scale={log ? 'log' : 'linear'}>
      <label className="check tt-log">
        <input
          type="checkbox"
          checked={log}
          onChange={(e) => setLog(e.target.checked)}
          data-testid="tt-log-scale"
        />
        Log scale: log10 of the loss, as the seed plots it
      </label>
      <div className="charts">
        <BatchLoss batches={batches} log={log} />
        <EpochLoss epochs={epochs} log={log} />
      </div>
    </div>
  );
}
