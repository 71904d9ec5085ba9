import { DateInput, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';

/** Reads what a French user types: 31/12/2027 (or 31.12.2027, 31-12-2027). */
function parseFrenchDateInput(value: string): string | null {
  const parsed = dayjs(value.trim(), ['DD/MM/YYYY', 'D/M/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY'], true);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD') : null;
}

/** A date typed or picked as JJ/MM/AAAA, kept as an ISO `YYYY-MM-DD` string like every date of the API. */
export function FrenchDateInput(props: DateInputProps) {
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      hideOutsideDates
      popoverProps={{ withinPortal: false }}
      dateParser={parseFrenchDateInput}
      previousLabel="Mois précédent"
      nextLabel="Mois suivant"
      {...props}
    />
  );
}
