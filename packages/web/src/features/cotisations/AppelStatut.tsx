import { Badge } from '@mantine/core';
import { appelStatutLabels, type TAppelStatut } from '@statutis/domain';

const colors: Record<TAppelStatut, string> = {
  brouillon: 'gray',
  controle: 'blue',
  emis: 'indigo',
  paye_partiellement: 'orange',
  solde: 'green',
  annule: 'red',
};

export function AppelStatut({ statut }: { statut: TAppelStatut }) {
  return (
    <Badge color={colors[statut]} variant="light">
      {appelStatutLabels[statut]}
    </Badge>
  );
}
