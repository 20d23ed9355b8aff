/** Form fields whose limits come from the same table that validates the URL. */
import { useState } from 'react';
import { NumberField } from '../../components/NumberField';
import { LIMITS } from '../../hooks/ncfConfig';

interface NumProps {
  /** The config path, e.g. 'train.epochs': it names the limits and the test id. */
  path: string;
  label: string;
  value: number;
  onChange: (v: number) => void;
  step?: number;
  disabled?: boolean;
  /** Overrides the path's limits (a percentage, or 0 meaning "off"). */
  min?: number;
  max?: number;
}

export function Num({ path, label, value, onChange, step, disabled, min, max }: NumProps) {
  const lim = LIMITS[path] ?? { min: 0, max: 1e9 };
  return (
    <NumberField
      label={label}
      value={value}
      min={min ?? lim.min}
      max={max ?? lim.max}
      step={step ?? (lim.integer ? 1 : 'any')}
      integer={lim.integer}
      disabled={disabled}
      onChange={onChange}
      testId={`ncf-${path}`}
    />
  );
}

interface Choice<T extends string> {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  testId: string;
  disabled?: boolean;
  /** A longer explanation, as a tooltip. */
  title?: string;
}

export function Select<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
  disabled,
  title,
}: Choice<T>) {
  return (
    <label className="field" title={title}>
      <span>{label}</span>
      <select
        value={value}
        data-testid={testId}
        disabled={disabled}
        onChange={(e) => {
          const picked = options.find((o) => o.value === e.target.value);
          if (picked) onChange(picked.value);
        }}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

const parseLayers = (text: string): number[] | null => {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  const lim = LIMITS['model.mlpLayers[]'];
  const nums = parts.map(Number);
  const ok = nums.length <= 8 && nums.every((n) => Number.isInteger(n) && n >= lim.min && n <= lim.max);
  return ok ? nums : null;
};

/** Hidden layer sizes as "32, 16, 8"; keeps what the user types and commits only a valid list. */
export function LayersField({ value, onChange }: { value: number[]; onChange: (v: number[]) => void }) {
  const [text, setText] = useState(value.join(', '));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setText(value.join(', '));
  }
  return (
    <label className="field">
      <span>MLP layers</span>
      <input
        type="text"
        value={text}
        aria-invalid={parseLayers(text) === null}
        data-testid="ncf-model.mlpLayers"
        placeholder="32, 16, 8"
        onChange={(e) => {
          setText(e.target.value);
          const layers = parseLayers(e.target.value);
          if (layers) {
            setSeen(layers);
            onChange(layers);
          }
        }}
      />
    </label>
  );
}
