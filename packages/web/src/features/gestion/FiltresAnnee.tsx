import { Select } from '@mantine/core';
import { useContratsFiltre } from './pilotage/api';

const TOUS = '';

/** The year of a back-office table: next year and the five before, as the CDG works them. */
export function AnneeSelect({ value, onChange }: { value: number; onChange: (annee: number) => void }) {
  const courante = new Date().getFullYear();
  const annees = Array.from({ length: 6 }, (_, i) => String(courante + 1 - i));
  return (
    <Select
      label="Année"
      data={annees}
      value={String(value)}
      onChange={(v) => onChange(Number(v ?? courante))}
      allowDeselect={false}
      w={120}
    />
  );
}

/** One of the organisation's contracts, or all of them (`undefined`). */
export function ContratSelect({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (contratId: string | undefined) => void;
}) {
  const contrats = useContratsFiltre();
  return (
    <Select
      label="Contrat"
      data={[
        { value: TOUS, label: 'Tous' },
        ...(contrats.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.numero} (${c.regime})` })),
      ]}
      value={value ?? TOUS}
      onChange={(v) => onChange(v || undefined)}
      allowDeselect={false}
      w={240}
    />
  );
}
