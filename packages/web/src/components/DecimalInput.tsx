import { TextInput, type TextInputProps } from '@mantine/core';
import { type FocusEvent, useEffect, useState } from 'react';

export interface DecimalInputProps extends Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue'> {
  /** The value in the unit the API uses (cents, thousandths of a percent), null when empty. */
  value?: number | null;
  /** Called with the new value; NaN when the text is not a number, so the form says so. */
  onChange?: (value: number | null) => void;
  /** Text → value, or null when the text is not a number of this kind. */
  parse: (text: string) => number | null;
  /** Value → the text shown once the field is left. */
  format: (value: number) => string;
}

/**
 * A number typed the French way (« 1 234,56 », « 6,5 ») and kept as an integer of the API's unit.
 * The text stays as typed while the field has the focus, and is tidied when it is left.
 */
export function DecimalInput({ value, onChange, parse, format, onBlur, ...props }: DecimalInputProps) {
  const [text, setText] = useState(() => (value == null || Number.isNaN(value) ? '' : format(value)));

  // A value set from outside (reset, another field) replaces the text; the user's own typing does not.
  useEffect(() => {
    setText((current) => {
      const typed = current.trim() === '' ? null : (parse(current) ?? Number.NaN);
      if (Object.is(typed, value ?? null)) return current;
      if (value == null) return '';
      return Number.isNaN(value) ? current : format(value);
    });
  }, [value, parse, format]);

  return (
    <TextInput
      {...props}
      inputMode="decimal"
      autoComplete="off"
      value={text}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        onChange?.(next.trim() === '' ? null : (parse(next) ?? Number.NaN));
      }}
      onBlur={(event: FocusEvent<HTMLInputElement>) => {
        const parsed = text.trim() === '' ? null : parse(text);
        if (parsed !== null) setText(format(parsed));
        onBlur?.(event);
      }}
    />
  );
}
