import { Anchor, List, Progress, Stack, Text } from '@mantine/core';
import { formatDate, formatMois, type TCalculLotOut } from '@statutis/domain';
import { useState } from 'react';
import { Link } from 'react-router';
import { Page } from '../../../components/Page';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { errorMessage } from '../../../lib/api';
import { plural } from '../../../lib/format';
import { decomptesApi, useCalculLot } from '../../remboursements/decomptes.api';
import { PeriodeForm } from '../../remboursements/PeriodeForm';

function Avancement({ lot }: { lot: TCalculLotOut }) {
  const fini = lot.statut === 'termine';
  const echec = lot.statut === 'echec';
  return (
    <Stack gap="sm">
      <Progress
        value={lot.progression}
        size="lg"
        color={echec ? 'red' : undefined}
        aria-label={`Calcul des décomptes du ${formatDate(lot.periode.du)} au ${formatDate(lot.periode.au)}`}
      />
      <Text role="status">
        {fini
          ? `Calcul terminé : ${plural(lot.total, 'dossier examiné', 'dossiers examinés')}.`
          : echec
            ? 'Calcul interrompu.'
            : `Calcul en cours : ${lot.progression} % de ${plural(lot.total, 'dossier', 'dossiers')}.`}
      </Text>
      {echec && <ProblemAlert title="Le calcul a échoué">{lot.message}</ProblemAlert>}
      {(fini || echec) && (
        <List>
          <List.Item>{plural(lot.calcules, 'décompte calculé', 'décomptes calculés')}, à vérifier et valider</List.Item>
          <List.Item>{plural(lot.sansMontant, 'dossier sans montant', 'dossiers sans montant')} à payer</List.Item>
          <List.Item>{plural(lot.aCompleter.length, 'dossier à compléter', 'dossiers à compléter')}</List.Item>
          {lot.erreurs > 0 && (
            <List.Item>{plural(lot.erreurs, 'erreur', 'erreurs')} (voir le journal du serveur)</List.Item>
          )}
        </List>
      )}
      {lot.aCompleter.length > 0 && (
        <Section title="Dossiers à compléter" id="a-completer">
          <List>
            {lot.aCompleter.map((f) => (
              <List.Item key={f.sinistreId}>
                <Anchor component={Link} to={`/gestion/sinistres/${f.sinistreId}`}>
                  Sinistre n° {f.numero}
                </Anchor>{' '}
                — {f.agent} : salaire manquant pour {f.mois.map(formatMois).join(', ')}
              </List.Item>
            ))}
          </List>
        </Section>
      )}
    </Stack>
  );
}

/** « Calcul des décomptes »: every ready file of the portfolio for a period, as a job with its progress. */
export function CalculDecomptesPage() {
  const [id, setId] = useState<string | null>(null);
  const lot = useCalculLot(id);
  return (
    <Page
      title="Calcul des décomptes"
      crumbs={[{ label: 'Gestion' }, { label: 'Calcul des décomptes' }]}
      intro="Calcule les décomptes de la période pour tous les dossiers ouverts ou clos ayant des jours d’arrêt ou des frais médicaux validés à payer (un décompte par bénéficiaire). Un dossier dont il manque un salaire mensuel est listé « à compléter » et n’est pas calculé."
    >
      <Section title="Période à calculer" id="periode">
        <PeriodeForm
          submitLabel="Calculer les décomptes de la période"
          submit={decomptesApi.lancerLot}
          onSuccess={(out) => setId(out.id)}
        />
      </Section>
      {lot.isError && <ProblemAlert>{errorMessage(lot.error)}</ProblemAlert>}
      {lot.data && <Avancement lot={lot.data} />}
    </Page>
  );
}
