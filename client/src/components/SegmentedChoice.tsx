// A choice of two or three, shown as joined buttons (like antd's Segmented) — native radio buttons, so the
// keyboard, the screen reader and a page without its script yet all work as with any radio group. No antd:
// the first screen and the login page use it.

import { useId } from "react";

interface Option<V extends string> {
  value: V;
  label: string;
}

interface Props<V extends string> {
  value: V;
  options: readonly Option<V>[];
  onChange: (value: V) => void;
  /** The group's accessible name. */
  label: string;
  testId?: string;
}

export function SegmentedChoice<V extends string>({ value, options, onChange, label, testId }: Props<V>) {
  const name = useId();
  return (
    <div className="segmented" role="radiogroup" aria-label={label} data-testid={testId}>
      {options.map((option) => (
        <label
          key={option.value}
          className={`segmented-item ${option.value === value ? "segmented-item-selected" : ""}`}
        >
          <input
            type="radio"
            className="segmented-input"
            name={name}
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
          />
          <span>{option.label}</span>
        </label>
      ))}
    </div>
  );
}
