/** One setting of a family's schema as a form control: its kind, range and help come from the schema. */
import { useState } from 'react';
import { NumberField } from '../components/NumberField';
import { choicesFor, fieldProblem, type FieldSpec } from '../../train/schema';

interface Props {
  field: FieldSpec;
  value: unknown;
  /** The model kind, for choices that depend on it (BPR-MF trains with BPR only). */
  kind: string;
  onChange: (v: unknown) => void;
  testId: string;
  disabled?: boolean;
}

/** A list of whole numbers typed as "32, 16, 8"; keeps what the user types and commits only a valid list. */
function ListField({ field, value, onChange, testId, disabled }: Omit<Props, 'kind'>) {
  const list = Array.isArray(value) ? (value as number[]) : [];
  const [text, setText] = useState(list.join(', '));
  const [seen, setSeen] = useState(list);
  if (seen !== list && seen.join() !== list.join()) {
    setSeen(list);
    setText(list.join(', '));
  }
  const parse = (t: string): number[] | null => {
    const nums = t
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    return fieldProblem(field, nums) === null ? nums : null;
  };
  return (
    <input
      type="text"
      value={text}
      aria-invalid={parse(text) === null}
      data-testid={testId}
      disabled={disabled}
      placeholder="32, 16, 8"
      onChange={(e) => {
        setText(e.target.value);
        const nums = parse(e.target.value);
        if (nums) {
          setSeen(nums);
          onChange(nums);
        }
      }}
    />
  );
}

export function FieldInput({ field: f, value, kind, onChange, testId, disabled }: Props) {
  switch (f.type) {
    case 'int':
    case 'number': {
      const scale = f.percent ? 100 : 1;
      return (
        <NumberField
          label={f.label}
          value={Math.round((value as number) * scale * 1e9) / 1e9}
          min={f.min * scale}
          max={f.max * scale}
          step={f.type === 'int' ? 1 : (f.step ?? 'any')}
          integer={f.type === 'int'}
          disabled={disabled}
          onChange={(v) => onChange(v / scale)}
          testId={testId}
        />
      );
    }
    case 'enum':
      return (
        <label className="field">
          <span>{f.label}</span>
          <select
            value={String(value)}
            data-testid={testId}
            disabled={disabled}
            onChange={(e) => onChange(e.target.value)}
          >
            {choicesFor(f, kind).map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      );
    case 'bool':
    case 'toggle':
      return (
        <label className="check field-check">
          <input
            type="checkbox"
            checked={f.type === 'bool' ? value === true : value !== null && value !== undefined}
            data-testid={testId}
            disabled={disabled}
            onChange={(e) =>
              onChange(
                f.type === 'bool' ? e.target.checked : e.target.checked ? structuredClone(f.defaults) : null,
              )
            }
          />
          {f.label}
        </label>
      );
    case 'int-list':
      return (
        <label className="field">
          <span>{f.label}</span>
          <ListField field={f} value={value} onChange={onChange} testId={testId} disabled={disabled} />
        </label>
      );
  }
}
