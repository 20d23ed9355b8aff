import { useState } from 'react';
import { useLab } from '../../hooks/useLab';
import { unusedColumnNotes } from './columnNotes';
import type { ColumnMapping as Mapping, Sniff } from '../../../worker/protocol';

const DELIMITERS: [string, string][] = [
  [',', 'comma ,'],
  ['\t', 'tab'],
  [';', 'semicolon ;'],
  ['|', 'pipe |'],
  ['::', 'double colon ::'],
];

type Role = 'user' | 'item' | 'rating' | 'timestamp';
const ROLES: { role: Role; label: string; optional: boolean }[] = [
  { role: 'user', label: 'User column', optional: false },
  { role: 'item', label: 'Item column', optional: false },
  { role: 'rating', label: 'Rating column', optional: true },
  { role: 'timestamp', label: 'Timestamp column', optional: true },
];

/** The header and data rows as the chosen header toggle reads them. */
function rowsFor(sniff: Sniff, hasHeader: boolean): { header: string[] | null; rows: string[][] } {
  const all = sniff.header ? [sniff.header, ...sniff.sampleRows] : sniff.sampleRows;
  return hasHeader
    ? { header: all[0] ?? null, rows: all.slice(1, 9) }
    : { header: null, rows: all.slice(0, 8) };
}

function mappingProblem(m: Mapping): string | null {
  const used = [m.user, m.item, m.rating, m.timestamp].filter((c): c is number => c !== null);
  if (m.user === m.item) return 'User and item must be different columns.';
  if (new Set(used).size !== used.length) return 'Each column can have only one role.';
  return null;
}

/** The column-mapping step for a generic delimited file: which column is the user, the item, the rating, the time. */
export function ColumnMapping({ pending }: { pending: { files: File[]; sniff: Sniff } }) {
  const { lab } = useLab();
  const { sniff } = pending;
  const [mapping, setMapping] = useState<Mapping>(sniff.suggested);
  const [seen, setSeen] = useState(sniff);
  // A new sniff (another delimiter) brings new columns and a new suggestion.
  if (seen !== sniff) {
    setSeen(sniff);
    setMapping(sniff.suggested);
  }
  const { header, rows } = rowsFor(sniff, mapping.hasHeader);
  const names = Array.from({ length: sniff.width }, (_, j) =>
    header?.[j]?.trim() ? `${j + 1}: ${header[j].trim()}` : `Column ${j + 1}`,
  );
  const roleOf = (j: number): Role | null => ROLES.find((r) => mapping[r.role] === j)?.role ?? null;
  const problem = mappingProblem(mapping);
  // The loader's rule (unusedColumns in src/data), kept current as the roles change.
  const unused = names.filter((_, j) => roleOf(j) === null).length;
  const why = unusedColumnNotes(names, (j) => roleOf(j) !== null, sniff.columnNotes);

  return (
    <div className="mapping" data-testid="column-mapping">
      <h3>Which column is which?</h3>
      <p className="muted">
        <b>{pending.files[0].name}</b> is a plain table, so tell the lab what its columns mean. User and item
        are required; without a rating column every row counts as a positive (implicit feedback). Read as{' '}
        {sniff.encoding}.
      </p>
      {sniff.issues.map((i) => (
        <div className="alert alert-warn" key={i}>
          {i}
        </div>
      ))}
      <div className="mapping-fields">
        <label className="field">
          <span>Delimiter</span>
          <select
            value={mapping.delimiter}
            data-testid="mapping-delimiter"
            onChange={(e) => void lab.resniff(e.target.value)}
          >
            {DELIMITERS.map(([d, label]) => (
              <option key={label} value={d}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {ROLES.map(({ role, label, optional }) => (
          <label className="field" key={role}>
            <span>{label}</span>
            <select
              value={mapping[role] ?? ''}
              data-testid={`mapping-${role}`}
              onChange={(e) => {
                const v = e.target.value === '' ? null : Number(e.target.value);
                setMapping((m) => ({ ...m, [role]: v === null && !optional ? m[role] : v }));
              }}
            >
              {optional && <option value="">none</option>}
              {names.map((n, j) => (
                <option key={n} value={j}>
                  {n}
                </option>
              ))}
            </select>
          </label>
        ))}
        <label className="check">
          <input
            type="checkbox"
            checked={mapping.hasHeader}
            data-testid="mapping-header"
            onChange={(e) => setMapping((m) => ({ ...m, hasHeader: e.target.checked }))}
          />
          First row is a header
        </label>
      </div>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              {names.map((n, j) => (
                <th key={n} className={roleOf(j) ? 'picked' : 'unused'} data-testid={`mapping-col-${j}`}>
                  <span className="role" title={roleOf(j) ? undefined : (sniff.columnNotes[j] ?? undefined)}>
                    {roleOf(j) ?? 'unused'}
                  </span>
                  <br />
                  <span className="muted">{header?.[j]?.trim() || `col ${j + 1}`}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {names.map((n, j) => (
                  <td key={n} className={roleOf(j) ? 'picked' : 'unused'}>
                    <span className="cell" title={r[j]}>
                      {r[j] ?? ''}
                    </span>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {unused > 0 && (
        <p className="hint" data-testid="mapping-unused">
          {unused === 1 ? 'One column is' : `${unused} columns are`} unused: the lab ignores{' '}
          {unused === 1 ? 'it' : 'them'}, and what {unused === 1 ? 'it holds' : 'they hold'} never causes a
          row to be skipped.
        </p>
      )}
      {why.length > 0 && (
        <ul className="hint" data-testid="mapping-unused-why">
          {why.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      {problem && <p className="hint">{problem}</p>}
      <div className="mapping-actions">
        <button
          type="button"
          className="btn"
          disabled={problem !== null}
          data-testid="mapping-confirm"
          onClick={() => void lab.confirmMapping(mapping)}
        >
          Load with this mapping
        </button>
        <button type="button" className="btn btn-ghost" onClick={lab.dismissMapping}>
          Cancel
        </button>
      </div>
    </div>
  );
}
