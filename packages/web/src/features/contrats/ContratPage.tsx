import { Anchor, List, SimpleGrid, Text } from '@mantine/core';
import { ELEMENTS_BASE, elementLabels, formatDate, formatTaux, type TContrat } from '@statutis/domain';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { DownloadLink } from '../../components/Download';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/api';
import { formatDay, formatFileSize } from '../../lib/format';
import { contratDocumentPath, useContrat } from './api';
import { formatMois, formatPeriode } from './format';
import { GarantiesTable } from './GarantiesTable';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={700}>
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** Number, parties, period, notice periods and rate: what the seeds call « informations sur le contrat ». */
function ContratFacts({ contrat }: { contrat: TContrat }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" m={0}>
      <Fact label="Libellé">{contrat.libelle}</Fact>
      <Fact label="Régime">{contrat.regime}</Fact>
      <Fact label="Période">{formatPeriode(contrat)}</Fact>
      <Fact label="Assureur">{contrat.assureur}</Fact>
      <Fact label="Courtier">{contrat.courtier || 'Aucun'}</Fact>
      <Fact label="Taux de cotisation">{formatTaux(contrat.tauxCotisation)}</Fact>
      <Fact label="Préavis assureur">{formatMois(contrat.preavisAssureurMois)}</Fact>
      <Fact label="Préavis assuré">{formatMois(contrat.preavisAssureMois)}</Fact>
      {contrat.dateAdhesion && <Fact label="Date d’adhésion">{formatDate(contrat.dateAdhesion)}</Fact>}
    </SimpleGrid>
  );
}

/** TBI always, then the optional elements the contract lets the collectivité insure. */
function ElementsAssurables({ contrat }: { contrat: Pick<TContrat, 'elementsAssurables'> }) {
  const optional = ELEMENTS_BASE.filter((e) => contrat.elementsAssurables.includes(e));
  return (
    <List>
      <List.Item>{elementLabels.tbi} (obligatoire)</List.Item>
      {optional.map((e) => (
        <List.Item key={e}>{elementLabels[e]}</List.Item>
      ))}
    </List>
  );
}

function Documents({ contrat }: { contrat: TContrat }) {
  if (contrat.documents.length === 0) return <Text>Aucun document n’est joint à ce contrat.</Text>;
  return (
    <List spacing="xs">
      {contrat.documents.map((d) => (
        <List.Item key={d.id}>
          <DownloadLink path={contratDocumentPath(contrat.id, d.id)} fileName={d.nom}>
            {d.nom}
          </DownloadLink>{' '}
          <Text span size="sm">
            (PDF, {formatFileSize(d.taille)}, déposé le {formatDay(d.deposeLe)})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** Espace contractuel › Contrats › one contract: its garanties, franchises, deadlines and documents. */
export function ContratPage() {
  const { id } = useParams();
  const contrat = useContrat(id);
  const c = contrat.data;
  return (
    <Page
      title={c ? `Contrat ${c.numero}` : 'Contrat'}
      crumbs={[{ label: 'Espace contractuel' }, { label: 'Contrats', to: '/espace-contractuel/contrats' }]}
      intro={c?.libelle}
    >
      {contrat.isPending && <FullPageLoader />}
      {contrat.isError && (
        <>
          <ProblemAlert>{errorMessage(contrat.error)}</ProblemAlert>
          <Anchor component={Link} to="/espace-contractuel/contrats">
            Revenir à la liste des contrats
          </Anchor>
        </>
      )}
      {c && (
        <>
          <Section title="Informations sur le contrat">
            <ContratFacts contrat={c} />
          </Section>
          <Section title="Garanties">
            <Text>
              Pour chaque risque : la franchise (jours non remboursés), la part remboursée et les délais dans lesquels
              déclarer le sinistre et transmettre les pièces.
            </Text>
            {c.garanties.length > 0 ? (
              <GarantiesTable garanties={c.garanties} caption={`Garanties du contrat ${c.numero}`} />
            ) : (
              <Text>Les garanties de ce contrat n’ont pas encore été saisies par votre centre de gestion.</Text>
            )}
          </Section>
          <Section title="Éléments de rémunération assurables">
            <ElementsAssurables contrat={c} />
          </Section>
          <Section title="Documents du contrat">
            <Documents contrat={c} />
          </Section>
        </>
      )}
    </Page>
  );
}
