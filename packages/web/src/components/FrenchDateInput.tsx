import { DateInput, type DateInputProps } from '@mantine/dates';
import dayjs from 'dayjs';
import { useState } from 'react';

/** Reads what a French user types: 31/12/2027 (or 31.12.2027, 31-12-2027). */
function parseFrenchDateInput(value: string): string | null {
  const parsed = dayjs(value.trim(), ['DD/MM/YYYY', 'D/M/YYYY', 'DD.MM.YYYY', 'DD-MM-YYYY'], true);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD') : null;
}

/**
 * A date typed or picked as JJ/MM/AAAA, kept as an ISO `YYYY-MM-DD` string like every date of the API.
 *
 * Inside a dialog, Escape closes the open calendar only: the dialog listens to Escape on the window
 * before the field sees it, and leaves alone a key whose target carries `data-mantine-stop-propagation`
 * (set while the calendar is open). The calendar opens under the field, so an error is shown above
 * the field, where the open calendar cannot hide it.
 */
export function FrenchDateInput({ popoverProps, ...props }: DateInputProps) {
  const [calendarOpen, setCalendarOpen] = useState(false);
  return (
    <DateInput
      valueFormat="DD/MM/YYYY"
      hideOutsideDates
      dateParser={parseFrenchDateInput}
      previousLabel="Mois précédent"
      nextLabel="Mois suivant"
      inputWrapperOrder={props.error ? ['label', 'description', 'error', 'input'] : undefined}
      data-mantine-stop-propagation={calendarOpen ? 'true' : undefined}
      {...props}
      popoverProps={{
        withinPortal: false,
        ...popoverProps,
        onOpen: () => {
          setCalendarOpen(true);
          popoverProps?.onOpen?.();
        },
        onClose: () => {
          setCalendarOpen(false);
          popoverProps?.onClose?.();
        },
      }}
    />
  );
}
