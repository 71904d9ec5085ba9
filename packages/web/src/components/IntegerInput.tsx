import { NumberInput, type NumberInputProps } from '@mantine/core';

export interface IntegerInputProps extends Omit<NumberInputProps, 'value' | 'onChange' | 'defaultValue'> {
  value?: number | null;
  /** null when the field is emptied: an optional number left blank, or a required one the schema will ask for. */
  onChange?: (value: number | null) => void;
}

/** A whole number (effectif, percentage, days, months): no decimals, no negative values. */
export function IntegerInput({ value, onChange, ...props }: IntegerInputProps) {
  return (
    <NumberInput
      allowDecimal={false}
      allowNegative={false}
      thousandSeparator=" "
      hideControls
      // A value out of range is reported by the form's message, never silently changed.
      clampBehavior="none"
      {...props}
      value={value ?? ''}
      onChange={(next) => onChange?.(next === '' ? null : Number(next))}
    />
  );
}
