import { TAUX_SCALE } from '@statutis/domain';
import { DecimalInput, type DecimalInputProps } from '../../components/DecimalInput';

/** Thousandths of a percent per percent: « 6,5 » % → 6500. */
const PER_PERCENT = TAUX_SCALE / 100;

/** « 6,5 », « 6.500 », « 6,5 % » → 6500; at most three decimals, as the rate is stored. */
function parseTaux(text: string): number | null {
  const cleaned = text.replace(/[\s\u00a0\u202f%]/g, '').replace(',', '.');
  const match = cleaned.match(/^(\d{1,3})(?:\.(\d{1,3}))?$/);
  if (!match) return null;
  return Number(match[1]) * PER_PERCENT + Number((match[2] ?? '').padEnd(3, '0'));
}

/** 6500 → « 6,5 ». */
function formatTauxInput(taux: number): string {
  return (taux / PER_PERCENT).toLocaleString('fr-FR', { maximumFractionDigits: 3 });
}

/** A contribution rate typed in percent (« 6,5 ») and kept in thousandths of a percent (6500). */
export function TauxInput(props: Omit<DecimalInputProps, 'parse' | 'format'>) {
  return (
    <DecimalInput
      rightSection={<span aria-hidden="true">%</span>}
      {...props}
      parse={parseTaux}
      format={formatTauxInput}
    />
  );
}
