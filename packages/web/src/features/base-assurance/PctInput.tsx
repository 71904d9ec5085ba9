import { PCT_SCALE, parsePct } from '@statutis/domain';
import { DecimalInput, type DecimalInputProps } from '../../components/DecimalInput';

/** 726 → « 7,26 », as it is typed (the « % » stands beside the field). */
function formatPctInput(pct: number): string {
  return (pct / PCT_SCALE).toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** A percentage of TBI typed the French way (« 7,26 ») and kept in hundredths of a percent (726). */
export function PctInput(props: Omit<DecimalInputProps, 'parse' | 'format'>) {
  return (
    <DecimalInput
      rightSection={<span aria-hidden="true">%</span>}
      {...props}
      parse={parsePct}
      format={formatPctInput}
    />
  );
}
