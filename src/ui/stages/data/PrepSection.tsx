import { NumberField } from '../../components/NumberField';
import { ProgressBar } from '../../components/ProgressBar';
import { fmtInt, fmtMillis } from '../../format';
import { useLab } from '../../hooks/useLab';
import type { DatasetSummary, PrepConfig, PrepSummary, SplitConfig } from '../../../worker/protocol';

type PositiveMode = 'all' | 'gte' | 'gt';

function splitValue(s: SplitConfig): string {
  return s.kind === 'random' ? 'random' : s.kind === 'official' ? `official:${s.name}` : 'loo';
}

function parseSplit(v: string, current: SplitConfig): SplitConfig {
  if (v === 'loo')
    return {
      kind: 'leave-one-out',
      validation: current.kind === 'leave-one-out' ? current.validation : undefined,
    };
  if (v.startsWith('official:')) return { kind: 'official', name: v.slice('official:'.length) };
  return { kind: 'random', testFraction: current.kind === 'random' ? current.testFraction : 0.2 };
}

function Controls({ ds, config }: { ds: DatasetSummary; config: PrepConfig }) {
  const { lab } = useLab();
  const mode: PositiveMode =
    config.implicitThreshold === null ? 'all' : config.strictThreshold ? 'gt' : 'gte';
  const scale = ds.ratingScale ?? { min: 0, max: 5 };
  return (
    <div className="controls" data-testid="prep-controls">
      <label className="field">
        <span>Positives</span>
        <select
          value={mode}
          disabled={!ds.hasRatings}
          onChange={(e) => {
            const m = e.target.value;
            const t = config.implicitThreshold ?? Math.min(scale.max, 4);
            lab.setPrep(
              m === 'all'
                ? { implicitThreshold: null }
                : { implicitThreshold: t, strictThreshold: m === 'gt' },
            );
          }}
        >
          <option value="all">every interaction</option>
          <option value="gte">rating ≥ t</option>
          <option value="gt">rating &gt; t</option>
        </select>
      </label>
      <NumberField
        label="Threshold t"
        value={config.implicitThreshold ?? 4}
        min={scale.min}
        max={scale.max}
        step={0.5}
        disabled={!ds.hasRatings || config.implicitThreshold === null}
        onChange={(v) => lab.setPrep({ implicitThreshold: v })}
        testId="prep-threshold"
      />
      <label className="field">
        <span>Split</span>
        <select
          value={splitValue(config.split)}
          data-testid="prep-split"
          onChange={(e) => lab.setPrep({ split: parseSplit(e.target.value, config.split) })}
        >
          <option value="random">random</option>
          <option value="loo">leave-one-out</option>
          {ds.officialSplits.map((name) => (
            <option key={name} value={`official:${name}`}>
              official {name}
            </option>
          ))}
        </select>
      </label>
      {config.split.kind === 'random' && (
        <NumberField
          label="Test share %"
          value={Math.round(config.split.testFraction * 100)}
          min={1}
          max={90}
          integer
          onChange={(v) => lab.setPrep({ split: { kind: 'random', testFraction: v / 100 } })}
        />
      )}
      <NumberField
        label="Negatives"
        value={config.negativesPerPositive}
        min={0}
        max={100}
        integer
        onChange={(v) => lab.setPrep({ negativesPerPositive: v })}
        testId="prep-negatives"
      />
      <NumberField
        label="Seed"
        value={config.seed}
        min={0}
        max={2 ** 31 - 1}
        integer
        onChange={(v) => lab.setPrep({ seed: v })}
        testId="prep-seed"
      />
    </div>
  );
}

function Summary({ s }: { s: PrepSummary }) {
  const items: [string, string, string?][] = [
    ['Train positives', fmtInt(s.trainPositives)],
    ['Test positives', fmtInt(s.testPairs)],
    ['Users with a test item', fmtInt(s.usersWithTest), `of ${fmtInt(s.users)}`],
    [
      'Labelled test rows',
      fmtInt(s.testLabelled.positives + s.testLabelled.negatives),
      `${fmtInt(s.testLabelled.positives)} positive, ${fmtInt(s.testLabelled.negatives)} negative`,
    ],
    [
      'Negatives per epoch',
      fmtInt(s.negativesPerEpoch),
      `${s.config.negativesPerPositive} per positive, never an item the user rated`,
    ],
  ];
  return (
    <div className="prep-summary" data-testid="prep-summary">
      <dl className="facts-grid">
        {items.map(([k, v, note]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>
              {v}
              {note && <small>{note}</small>}
            </dd>
          </div>
        ))}
        <div className={s.leakedPairs === 0 ? 'ok' : 'bad'}>
          <dt>Leak check</dt>
          <dd data-testid="leak-check">
            {s.leakedPairs === 0
              ? '✓ no test pair in training'
              : `✕ ${fmtInt(s.leakedPairs)} test pairs in training`}
          </dd>
        </div>
      </dl>
      {s.notes.map((n) => (
        <p className="hint" key={n}>
          {n}
        </p>
      ))}
    </div>
  );
}

export function PrepSection({ ds }: { ds: DatasetSummary }) {
  const { state, lab } = useLab();
  const { prep } = state;
  const fresh = prep.summary?.handle === ds.handle;
  return (
    <div className="prep">
      <h3>Preparation for the later stages</h3>
      <p className="muted">
        Models learn from positives and from items the user never touched. Choose what counts as a positive,
        what is held out for testing, and how many negatives each positive gets. Everything is seeded, and the
        settings live in the URL so a link reproduces them.
      </p>
      <Controls ds={ds} config={state.prepConfig} />
      {prep.job && <ProgressBar job={prep.job} onCancel={lab.cancelPrepare} />}
      {prep.error && (
        <div className="alert alert-error" role="alert">
          <strong>Could not prepare the split.</strong> {prep.error}
        </div>
      )}
      {prep.summary && fresh && !prep.error && (
        <div className={prep.job ? 'stale' : undefined}>
          <Summary s={prep.summary} />
          {prep.millis !== null && (
            <p className="hint">Prepared in the worker in {fmtMillis(prep.millis)}.</p>
          )}
        </div>
      )}
    </div>
  );
}
