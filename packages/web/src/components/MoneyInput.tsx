import { parseEuros } from '@statutis/domain';
import { DecimalInput, type DecimalInputProps } from './DecimalInput';

/** « 495000 » → « 495 000 », « 1234.5 » → « 1 234,50 »: what the field shows once left. */
function formatEurosInput(cents: number): string {
  const euros = (cents / 100).toLocaleString('fr-FR', {
    minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
    maximumFractionDigits: 2,
  });
  // Plain spaces: a no-break space pasted elsewhere (a spreadsheet) is not always read as a separator.
  return euros.replace(/[\u00a0\u202f]/g, ' ');
}

/** Amounts of the API are cents; negative amounts are refused here, as by every schema. */
function parsePositiveEuros(text: string): number | null {
  const cents = parseEuros(text);
  return cents === null || cents < 0 ? null : cents;
}

/**
 * An amount typed in euros the French way (« 495 000 », « 1 234,56 », « 7 200 € ») and kept in
 * cents, as the API and the shared schemas want it.
 */
export function MoneyInput(props: Omit<DecimalInputProps, 'parse' | 'format'>) {
  return (
    <DecimalInput
      rightSection={<span aria-hidden="true">€</span>}
      {...props}
      parse={parsePositiveEuros}
      format={formatEurosInput}
    />
  );
}
