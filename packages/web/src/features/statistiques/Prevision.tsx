import { Anchor, Loader, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { formatDate, formatEuros, risqueLabels, type TLignePrevision, type TPrevision } from '@statutis/domain';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { NextPageButton } from '../../components/NextPageButton';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { api, errorMessage } from '../../lib/api';
import { plural } from '../../lib/format';
import { sinistrePath } from '../sinistres/api';
import { CommentCalcule } from './CommentCalcule';

export const PREVISION_ENDPOINT = '/api/statistiques/prevision';

/** A change of pay: its date, and « si l'arrêt est prolongé » when the known arrêt ends before it. */
function Evenement({ e }: { e: TLignePrevision['demiTraitement'] }) {
  if (!e) return <>—</>;
  return (
    <>
      {formatDate(e.date)}
      {!e.dansArretConnu && (
        <Text span size="sm" c="dimmed" display="block">
          si l’arrêt est prolongé
        </Text>
      )}
    </>
  );
}

const SITUATIONS: Record<NonNullable<TLignePrevision['situation']>, string> = {
  plein: 'Plein traitement',
  demi: 'Demi-traitement',
  epuise: 'Droits épuisés',
};

/** A figure of the forecast, as a term and its value. */
function Chiffre({ libelle, valeur }: { libelle: string; valeur: string }) {
  return (
    <div>
      <Text size="sm">{libelle}</Text>
      <Text fz={22} fw={700} lh={1.2}>
        {valeur}
      </Text>
    </div>
  );
}

/**
 * « Prévisions à 90 jours »: the agents whose pay changes (half pay, end of rights) with a link to each
 * sinistre, so that the HR officer warns the agent and the payroll before the payslip changes; and the
 * expected cost of the known arrêts. The named list comes 20 lines at a time.
 */
export function Prevision() {
  const list = useInfiniteQuery({
    queryKey: [PREVISION_ENDPOINT],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TPrevision>(PREVISION_ENDPOINT, { query: { apres: pageParam ?? undefined }, signal }),
    getNextPageParam: (last) => last.suivant,
  });
  const p = list.data?.pages[0];
  const lignes = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Section title="Prévisions à 90 jours" id="previsions">
      {list.isError && <ProblemAlert>{errorMessage(list.error)}</ProblemAlert>}
      {list.isPending && <Loader aria-label="Chargement des prévisions" />}
      {p && (
        <Stack gap="md">
          <Text size="sm">{p.hypothese}</Text>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
            <Chiffre libelle="Passages à demi-traitement" valeur={String(p.passagesDemiTraitement)} />
            <Chiffre libelle="Fins de droits" valeur={String(p.finsDeDroits)} />
            <Chiffre libelle="Traitement maintenu attendu" valeur={formatEuros(p.cout.maintenuCentimes)} />
            <Chiffre libelle="Remboursement attendu" valeur={formatEuros(p.cout.rembourseCentimes)} />
          </SimpleGrid>
          <Text size="sm">
            {plural(p.agentsEnArret, 'agent en arrêt', 'agents en arrêt')} aujourd’hui · reste à charge attendu{' '}
            {formatEuros(p.cout.resteAChargeCentimes)}
            {p.cout.agentsSansSalaire > 0 &&
              ` · ${plural(p.cout.agentsSansSalaire, 'agent', 'agents')} sans éléments de salaire, hors du coût`}
            .
          </Text>
          <CommentCalcule>
            <Text size="sm">{p.calcul}</Text>
          </CommentCalcule>
          {lignes.length === 0 ? (
            <Text size="sm">Aucun passage à demi-traitement ni fin de droits dans les 90 jours.</Text>
          ) : (
            <ScrollTable
              caption={`Agents dont le traitement change d’ici au ${formatDate(p.finHorizon)} : passage à demi-traitement et fin de droits`}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Agent</Table.Th>
                  <Table.Th scope="col">Sinistre</Table.Th>
                  <Table.Th scope="col">Catégorie</Table.Th>
                  <Table.Th scope="col">Aujourd’hui</Table.Th>
                  <Table.Th scope="col">Fin de l’arrêt connue</Table.Th>
                  <Table.Th scope="col">Passage à demi-traitement</Table.Th>
                  <Table.Th scope="col">Fin des droits</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {lignes.map((l) => (
                  <Table.Tr key={l.sinistreId}>
                    <Table.Th scope="row" fw={400}>
                      {l.agentNom}
                    </Table.Th>
                    <Table.Td>
                      <Anchor component={Link} to={sinistrePath(l.sinistreId)}>
                        {l.sinistreNumero}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{risqueLabels[l.categorie]}</Table.Td>
                    <Table.Td>{l.situation ? SITUATIONS[l.situation] : '—'}</Table.Td>
                    <Table.Td>{formatDate(l.finArretConnue)}</Table.Td>
                    <Table.Td>
                      <Evenement e={l.demiTraitement} />
                    </Table.Td>
                    <Table.Td>
                      <Evenement e={l.finDroits} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          )}
          <NextPageButton list={list}>Afficher les agents suivants</NextPageButton>
        </Stack>
      )}
    </Section>
  );
}
