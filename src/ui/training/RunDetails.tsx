/**
 * What a finished run of any family scored, what to be wary of, and what the model looks like. The
 * family's own figures come in as `children` (the NCF stage's metric cards, for instance).
 */
import './training.css';
import { memo, type ReactNode } from 'react';
import type { FamilySpec, Preset } from '../../train/spec';
import type { SplitConfig } from '../../worker/protocol';
import { divergedText, fmtCount, fmtNum, fmtRate, fmtSeconds, kindLabel, splitLabel } from './format';
import type { RunRecord } from './store';

/** The seed's figures beside ours: this run's, or the latest run of the same preset with the figure's model. */
function ReportedTable({ preset, runs, spec }: { preset: Preset; runs: RunRecord[]; spec: FamilySpec }) {
  if (preset.reported.length === 0) {
    return (
      <p className="hint">
        {preset.title}: the seed saved no figures to compare with (see the preset’s notes).
      </p>
    );
  }
  return (
    <div className="table-wrap">
      <table className="data" data-testid="reported-table">
        <thead>
          <tr>
            <th>Metric</th>
            <th>Model</th>
            <th>Seed reported</th>
            <th>Ours</th>
            <th>Our run</th>
            <th>Source of the seed’s figure</th>
          </tr>
        </thead>
        <tbody>
          {preset.reported.map((f) => {
            const kind = f.model ?? preset.model.kind;
            const ours = runs.findLast((r) => r.preset === preset.id && r.result.config.model.kind === kind);
            return (
              <tr key={`${f.metric}-${kind}-${f.source}`}>
                <td>{f.metric}</td>
                <td>{kindLabel(spec, kind)}</td>
                <td className="num">{fmtNum(f.value)}</td>
                <td className="num">{fmtNum(ours?.result.metrics[f.metric])}</td>
                <td>{ours ? runNote(ours) : 'not trained yet'}</td>
                <td className="title">{f.source}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function runNote(r: RunRecord): string {
  const epochs = r.result.history.length;
  const quick = r.result.maxUsers === null ? '' : `, ${r.result.maxUsers} users`;
  const trained = r.result.steps > 0 ? `: ${epochs} epoch${epochs === 1 ? '' : 's'}` : '';
  return `#${r.no}${trained}${quick}`;
}

function ModelSummaryTable({ run }: { run: RunRecord }) {
  const s = run.result.summary;
  return (
    <details className="model-summary" open>
      <summary>
        Model summary: {s.title}, {fmtCount(s.trainableParams)} trainable parameters
      </summary>
      <div className="table-wrap">
        <table className="data" data-testid="model-summary">
          <thead>
            <tr>
              <th>Layer (type)</th>
              <th>Output shape</th>
              <th>Params</th>
              <th>Connected to</th>
            </tr>
          </thead>
          <tbody>
            {s.rows.map((r) => (
              <tr key={r.name}>
                <td>
                  {r.name} <span className="muted">({r.type})</span>
                </td>
                <td className="num">{r.outputShape}</td>
                <td className="num">{fmtCount(r.params)}</td>
                <td>{r.inputs.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="hint">
        Total {fmtCount(s.totalParams)} parameters, {fmtCount(s.trainableParams)} trainable. Stored as{' '}
        {s.storage}.
      </p>
    </details>
  );
}

interface Props {
  run: RunRecord;
  runs: RunRecord[];
  spec: FamilySpec;
  /** The family's own figures. */
  children?: ReactNode;
}

export const RunDetails = memo(function RunDetails({ run, runs, spec, children }: Props) {
  const r = run.result;
  const preset = spec.presets.find((p) => p.id === run.preset) ?? null;
  const split = (r.config.prep as { split?: SplitConfig } | null)?.split ?? null;
  const stopped =
    r.stopped === 'stopped'
      ? ', stopped by you'
      : r.stopped === 'early-stopping'
        ? ', stopped early'
        : r.stopped === 'diverged'
          ? ', diverged'
          : '';
  const diverged = divergedText(r);
  const best =
    r.bestEpoch !== null && r.bestEpoch !== r.history.length ? ` (weights of epoch ${r.bestEpoch})` : '';
  return (
    <section className="run-results" data-testid="run-results">
      <h3 className="section-title">
        Run #{run.no}: {kindLabel(spec, r.config.model.kind)} on {r.dataset.name}
        {preset ? ` (preset ${preset.id})` : ''}
      </h3>
      <dl className="run-facts">
        <div>
          <dt>Backend</dt>
          <dd data-testid="run-backend">{r.backend}</dd>
        </div>
        {split && (
          <div>
            <dt>Split</dt>
            <dd>{splitLabel(split)}</dd>
          </div>
        )}
        <div>
          <dt>Epochs</dt>
          <dd>
            {r.history.length}
            {stopped}
            {best}
          </dd>
        </div>
        <div>
          <dt>Training time</dt>
          <dd data-testid="run-train-seconds">
            {r.steps > 0 ? fmtSeconds(r.trainSeconds) : 'nothing to train'}
          </dd>
        </div>
        <div>
          <dt>Speed</dt>
          <dd data-testid="run-samples-per-second">{fmtRate(r.samplesPerSecond)}</dd>
        </div>
      </dl>
      {diverged && (
        <div className="alert alert-error" role="alert" data-testid="run-diverged">
          <span>
            <strong>Training diverged.</strong> {diverged}
          </span>
        </div>
      )}
      {children}
      {r.warnings.length > 0 && (
        <div className="alert alert-warn" data-testid="run-warnings">
          <div>
            <strong>Before trusting these numbers:</strong>
            <ul>
              {r.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          </div>
        </div>
      )}
      {r.notes
        .filter((n) => !r.divergence.includes(n))
        .map((n) => (
          <p className="hint" key={n}>
            {n.charAt(0).toUpperCase() + n.slice(1)}.
          </p>
        ))}
      {preset && <ReportedTable preset={preset} runs={runs} spec={spec} />}
      <ModelSummaryTable run={run} />
    </section>
  );
});
