import { useState } from 'react';

interface Props {
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number | 'any';
  integer?: boolean;
  onChange: (v: number) => void;
  testId?: string;
  disabled?: boolean;
}

/** A number input that keeps what the user types and only commits values inside [min, max]. */
export function NumberField({
  label,
  value,
  min,
  max,
  step = 1,
  integer,
  onChange,
  testId,
  disabled,
}: Props) {
  const [text, setText] = useState(String(value));
  const [seen, setSeen] = useState(value);
  // The value can change from outside (a URL, a preset): show it unless the user is mid-edit on a valid number.
  if (seen !== value) {
    setSeen(value);
    setText(String(value));
  }
  const parsed = Number(text);
  const valid =
    text.trim() !== '' &&
    Number.isFinite(parsed) &&
    parsed >= min &&
    parsed <= max &&
    (!integer || Number.isInteger(parsed));
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        aria-invalid={!valid}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (
            e.target.value.trim() !== '' &&
            Number.isFinite(v) &&
            v >= min &&
            v <= max &&
            (!integer || Number.isInteger(v))
          ) {
            setSeen(v);
            onChange(v);
          }
        }}
      />
    </label>
  );
}
