// A number typed as text: an empty or unreadable field is NaN (refused with words), not 0.
import { useEffect, useId, useState } from 'react';

export function NumberField({ label, value, onChange, unit, error, inputMode = 'numeric' }: {
  label: string;
  value: number | null;
  onChange: (value: number) => void;
  unit?: string;
  error?: string;
  inputMode?: 'numeric' | 'decimal';
}) {
  const id = useId();
  const shown = (v: number | null) => (v === null || Number.isNaN(v) ? '' : String(v));
  const [text, setText] = useState(shown(value));
  useEffect(() => {
    // A value changed from outside (a reload) replaces the text; the text the manager is typing stays.
    setText((current) => (Number(current) === value && current.trim() !== '' ? current : shown(value)));
  }, [value]);
  return (
    <div className="policy-field" data-invalid={error ? true : undefined}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value.trim() === '' ? NaN : Number(e.target.value.trim()));
        }}
      />
      {unit && <span className="unit">{unit}</span>}
      {error && <span className="field-error" id={`${id}-error`} role="alert">{error}</span>}
    </div>
  );
}
