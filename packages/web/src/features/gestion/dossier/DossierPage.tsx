import { Anchor, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { formatDate, formatNir, risqueLabels, type TDossierGestion } from '@statutis/domain';
import { Link, useParams } from 'react-router';
import { FullPageLoader } from '../../../components/FullPageLoader';
import { Page } from '../../../components/Page';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { errorMessage } from '../../../lib/api';
import { SinistreStatutBadge } from '../../sinistres/labels';
import { GESTION_PATH } from '../api';
import { useExamen } from '../corbeille/api';
import { useDossier } from './api';
import { dossierSections } from './sections';

const crumbs = [{ label: 'Gestion', to: GESTION_PATH }, { label: 'Dossiers' }];

function Fait({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={700}>
        {label}
      </Text>
      <Text>{children}</Text>
    </div>
  );
}

function Entete({ dossier: d }: { dossier: TDossierGestion }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        <Fait label="Agent">
          {d.agent.prenom} {d.agent.nom.toUpperCase()} — NIR {formatNir(d.agent.nir)}
        </Fait>
        <Fait label="Collectivité">{d.sinistre.collectiviteNom}</Fait>
        <Fait label="Catégorie">{risqueLabels[d.sinistre.categorie]}</Fait>
        <Fait label="Survenance">{formatDate(d.sinistre.dateSurvenance)}</Fait>
        <Fait label="Contrat">
          n° {d.contrat.numero} ({d.contrat.regime})
        </Fait>
        <div>
          <Text size="sm" fw={700}>
            Statut
          </Text>
          <Group gap="xs">
            <SinistreStatutBadge statut={d.sinistre.statut} />
            {d.sinistre.horsDelai && <Text size="sm">Déclaré hors délai</Text>}
          </Group>
        </div>
      </SimpleGrid>
    </Paper>
  );
}

/** Gestion › a sinistre: the handler's own view of the file, its checks and his decisions. */
export function DossierPage() {
  const { id } = useParams();
  const dossier = useDossier(id);
  useExamen(id);
  const d = dossier.data;
  return (
    <Page title={d ? `Sinistre n° ${d.sinistre.numero}` : 'Sinistre'} crumbs={crumbs}>
      {dossier.isPending && <FullPageLoader />}
      {dossier.isError && (
        <>
          <ProblemAlert>{errorMessage(dossier.error)}</ProblemAlert>
          <Anchor component={Link} to={GESTION_PATH}>
            Revenir à la gestion
          </Anchor>
        </>
      )}
      {d && (
        <Stack gap="lg">
          <Entete dossier={d} />
          {dossierSections.map(({ id: key, Component }) => (
            <Component key={key} dossier={d} />
          ))}
        </Stack>
      )}
    </Page>
  );
}
