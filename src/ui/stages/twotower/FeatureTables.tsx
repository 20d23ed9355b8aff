/**
 * The towers' inputs as computed from the loaded data, a page at a time: users or items, the values as
 * computed (counts, averages, years) or as the towers read them (standardised on the training rows).
 */
import { useState } from 'react';
import type { FeaturePage } from '../../../worker/protocol';
import { fmtCount } from '../../training/format';
import type { OutputProps } from './Outputs';
import { useAnswer } from '../../hooks/useAnswer';

const PAGE = 12;

const raw = (v: number): string => (Number.isInteger(v) ? String(v) : v.toFixed(2));

function Toggle<T extends string>({
  value,
  options,
  onChange,
  label,
}: {
  value: T;
  options: { value: T; label: string }[];
  onChange: (v: T) => void;
  label: string;
}) {
  return (
    <div className="tt-toggle" role="radiogroup" aria-label={label}>
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          className={`model-chip ${value === o.value ? 'active' : ''}`}
          onClick={() => onChange(o.value)}
          data-testid={`tt-features-${o.value}`}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

function PageTable({ page, scaled, unused }: { page: FeaturePage; scaled: boolean; unused: Set<string> }) {
  const items = page.side === 'items';
  return (
    <div className="table-wrap">
      <table className="data tt-features" data-testid="tt-features-table">
        <thead>
          <tr>
            <th>{items ? 'Item' : 'User'}</th>
            {items && <th>Title</th>}
            {page.columns.map((c) => (
              <th key={c} title={unused.has(c) ? 'not read by this model' : undefined}>
                {c}
                {unused.has(c) ? ' (unused)' : ''}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {page.rows.map((r) => (
            <tr key={r.index} data-testid="tt-feature-row">
              <td className="num">{r.id}</td>
              {items && <td className="tt-feature-title">{r.label ?? '—'}</td>}
              {(scaled ? r.scaled : r.raw).map((v, c) => (
                <td className="num" key={page.columns[c]}>
                  {scaled ? v.toFixed(2) : raw(v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {!scaled && (
          <tfoot>
            {(['mean', 'std'] as const).map((k) => (
              <tr key={k}>
                <th>training {k}</th>
                {items && <th />}
                {page[k].map((v, c) => (
                  <td className="num" key={page.columns[c]}>
                    {v.toFixed(2)}
                  </td>
                ))}
              </tr>
            ))}
          </tfoot>
        )}
      </table>
    </div>
  );
}

export function FeatureTables({ store, run }: OutputProps) {
  const [side, setSide] = useState<'users' | 'items'>('users');
  const [scaled, setScaled] = useState(false);
  const [offset, setOffset] = useState(0);
  const handle = run.result.runHandle;
  const { answer, loading } = useAnswer(`${handle}:${side}:${offset}`, () =>
    store.ask((api) => api.twoTowerFeatures(handle, side, offset, PAGE)),
  );
  const page = answer?.ok ? answer.value : null;
  const model = run.result.config.model as { kind: string; itemCount: boolean };
  const unused = new Set(side === 'items' && !model.itemCount ? ['rating count'] : []);
  const total = page?.total ?? 0;
  return (
    <details className="tt-block tt-feature-block" data-testid="tt-features">
      <summary>
        <h4 className="tt-subhead">Feature tables: what the towers read</h4>
      </summary>
      {model.kind === 'ids' && (
        <p className="hint">This model reads no features, only a learned vector per user and item.</p>
      )}
      <div className="tt-feature-controls">
        <Toggle
          label="Side"
          value={side}
          options={[
            { value: 'users', label: 'Users' },
            { value: 'items', label: 'Items' },
          ]}
          onChange={(v) => {
            setSide(v);
            setOffset(0);
          }}
        />
        <Toggle
          label="Values"
          value={scaled ? 'scaled' : 'raw'}
          options={[
            { value: 'raw', label: 'As computed' },
            { value: 'scaled', label: 'Standardised' },
          ]}
          onChange={(v) => setScaled(v === 'scaled')}
        />
        <span className="muted tt-pager">
          {page
            ? `${fmtCount(page.offset + 1)}–${fmtCount(page.offset + page.rows.length)} of ${fmtCount(total)}`
            : ''}
          <button
            type="button"
            className="btn btn-ghost btn-small"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            ← Previous
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-small"
            disabled={offset + PAGE >= total}
            onClick={() => setOffset(offset + PAGE)}
            data-testid="tt-features-next"
          >
            Next →
          </button>
        </span>
      </div>
      {answer && !answer.ok && (
        <div className="alert alert-error" role="alert">
          <span>{answer.reason}</span>
        </div>
      )}
      {page && (
        <div className={loading ? 'stale' : undefined}>
          <PageTable page={page} scaled={scaled} unused={unused} />
        </div>
      )}
      <p className="hint">
        Every rating-derived figure comes from the training ratings only; the standardisation (mean and std
        below the raw values) is fitted on the training rows, each user and item weighted by its ratings. A
        genre a user never rated counts 0.
      </p>
    </details>
  );
}
