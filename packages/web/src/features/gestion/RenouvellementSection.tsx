import { Alert, Badge, Button, Group, List, Radio, Select, Stack, Table, Text } from '@mantine/core';
import {
  elementLabels,
  formatDate,
  risqueLabels,
  sinistreStatutLabels,
  type TRenouvellementApercu,
  type TRenouvellementResultat,
  type TRenouvellementSens,
  type TRenouvellementSinistresPage,
  type TSinistreStatut,
} from '@statutis/domain';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal';
import { NextPageButton } from '../../components/NextPageButton';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { api, errorMessage } from '../../lib/api';
import { plural } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { GESTION_ENDPOINT, gestionContratKey, type TContratGestion } from './api';
import { useContratsFiltre } from './pilotage/api';

const renouvellementUrl = (id: string) => `${GESTION_ENDPOINT}/${id}/renouvellement`;

const sensLabels: Record<TRenouvellementSens, string> = {
  restent: 'Chaînes ouvertes qui restent au contrat',
  basculent: 'Sinistres qui passent au successeur',
  bloquants: 'Sinistres qui bloquent la bascule',
};

/** The split's summary and its collectivités, 20 at a time. */
const useApercu = (contratId: string, successeurId: string | null) =>
  useInfiniteQuery({
    queryKey: [renouvellementUrl(contratId), successeurId],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TRenouvellementApercu>(renouvellementUrl(contratId), {
        query: { successeurId, apres: pageParam ?? undefined },
        signal,
      }),
    getNextPageParam: (last) => last.suivant,
    enabled: !!successeurId,
    retry: false,
  });

function Sinistres({
  contratId,
  successeurId,
  sens,
}: {
  contratId: string;
  successeurId: string;
  sens: TRenouvellementSens;
}) {
  const list = useInfiniteQuery({
    queryKey: [renouvellementUrl(contratId), successeurId, 'sinistres', sens],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      api.get<TRenouvellementSinistresPage>(`${renouvellementUrl(contratId)}/sinistres`, {
        query: { successeurId, sens, apres: pageParam ?? undefined },
        signal,
      }),
    getNextPageParam: (last) => last.suivant,
  });
  if (list.isError) return <ProblemAlert>{errorMessage(list.error)}</ProblemAlert>;
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  if (list.isPending) return <Text>Chargement des sinistres…</Text>;
  if (items.length === 0) return <Text>Aucun sinistre dans cette liste.</Text>;
  return (
    <Stack gap="sm">
      <ScrollTable caption={sensLabels[sens]} striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Sinistre</Table.Th>
            <Table.Th scope="col">Collectivité</Table.Th>
            <Table.Th scope="col">Agent</Table.Th>
            <Table.Th scope="col">Catégorie</Table.Th>
            <Table.Th scope="col">Survenance</Table.Th>
            <Table.Th scope="col">Début de la chaîne</Table.Th>
            <Table.Th scope="col">Statut</Table.Th>
            {sens === 'bloquants' && <Table.Th scope="col">À régler</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Th scope="row" fw={500}>
                {s.numero}
              </Table.Th>
              <Table.Td>{s.collectivite}</Table.Td>
              <Table.Td>{s.agent}</Table.Td>
              <Table.Td>{risqueLabels[s.categorie]}</Table.Td>
              <Table.Td>{formatDate(s.dateSurvenance)}</Table.Td>
              <Table.Td>
                {formatDate(s.debutChaine)}
                {s.sansArret && (
                  <Text size="xs" c="dimmed">
                    aucun arrêt : date de survenance
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{sinistreStatutLabels[s.statut as TSinistreStatut] ?? s.statut}</Table.Td>
              {sens === 'bloquants' && (
                <Table.Td>
                  <List size="sm" spacing={0}>
                    {s.problemes.map((p) => (
                      <List.Item key={p}>{p}</List.Item>
                    ))}
                  </List>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </ScrollTable>
      <NextPageButton list={list}>Afficher les sinistres suivants</NextPageButton>
    </Stack>
  );
}

function Repartition({ contrat, successeurId }: { contrat: TContratGestion; successeurId: string }) {
  const queryClient = useQueryClient();
  const apercu = useApercu(contrat.id, successeurId);
  const [sens, setSens] = useState<TRenouvellementSens>('restent');
  const [confirming, setConfirming] = useState(false);
  if (apercu.isError) return <ProblemAlert>{errorMessage(apercu.error)}</ProblemAlert>;
  if (apercu.isPending) return <Text>Calcul de la répartition…</Text>;
  const first = apercu.data.pages[0]!;
  const { totaux, successeur } = first;
  const collectivites = apercu.data.pages.flatMap((p) => p.collectivites);
  const a = contrat.numero;
  const b = successeur.numero;

  return (
    <Stack gap="md">
      {first.effectue ? (
        <Alert color="green" title="Renouvellement effectué">
          Le contrat n° {a} est renouvelé par le contrat n° {b} depuis le {formatDate(first.dateBascule)}. Il garde les
          chaînes d’arrêts commencées avant cette date jusqu’à la reprise du travail.
        </Alert>
      ) : (
        <Text>
          Bascule le <strong>{formatDate(first.dateBascule)}</strong> : le contrat n° {a}{' '}
          {first.finAvancee ? (
            <>
              finira le <strong>{formatDate(first.finAncien)}</strong> (au lieu du{' '}
              {contrat.dateFin ? formatDate(contrat.dateFin) : 'terme prévu'})
            </>
          ) : (
            <>finit le {formatDate(first.finAncien)}</>
          )}
          , le contrat n° {b} couvre les chaînes d’arrêts qui commencent à partir de cette date.
        </Text>
      )}
      <List>
        <List.Item>
          {plural(totaux.collectivites, 'collectivité adhérente', 'collectivités adhérentes')}, dont{' '}
          {plural(totaux.adhesionsACreer, 'adhésion', 'adhésions')} à reporter au contrat n° {b} au{' '}
          {formatDate(first.dateBascule)}
        </List.Item>
        <List.Item>
          {plural(totaux.restent, 'chaîne d’arrêts ouverte reste', 'chaînes d’arrêts ouvertes restent')} au contrat n°{' '}
          {a}
        </List.Item>
        <List.Item>
          {plural(totaux.basculent, 'sinistre passe', 'sinistres passent')} au contrat n° {b}
        </List.Item>
        <List.Item>
          {totaux.bloquants === 0 ? (
            'Aucun point bloquant'
          ) : (
            <Text span c="red.8" fw={600}>
              {plural(totaux.bloquants, 'point bloquant', 'points bloquants')}
            </Text>
          )}
        </List.Item>
      </List>

      {collectivites.length > 0 && (
        <ScrollTable caption={`Répartition par collectivité entre les contrats ${a} et ${b}`} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Collectivité</Table.Th>
              <Table.Th scope="col">Adhésion au contrat {b}</Table.Th>
              <Table.Th scope="col">Restent au contrat {a}</Table.Th>
              <Table.Th scope="col">Passent au contrat {b}</Table.Th>
              <Table.Th scope="col">Points bloquants</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {collectivites.map((c) => (
              <Table.Tr key={c.collectiviteId}>
                <Table.Th scope="row" fw={500}>
                  {c.nom}
                </Table.Th>
                <Table.Td>
                  {c.adhesionSuccesseur
                    ? `depuis le ${formatDate(c.adhesionSuccesseur)}`
                    : `à créer au ${formatDate(first.dateBascule)}`}
                </Table.Td>
                <Table.Td>{c.restent.toLocaleString('fr-FR')}</Table.Td>
                <Table.Td>{c.basculent.toLocaleString('fr-FR')}</Table.Td>
                <Table.Td>
                  {c.bloquants === 0 && c.optionsNonAssurees.length === 0 ? (
                    'Aucun'
                  ) : (
                    <Stack gap={2}>
                      {c.bloquants > 0 && <Text size="sm">{plural(c.bloquants, 'sinistre')}</Text>}
                      {c.optionsNonAssurees.length > 0 && (
                        <Text size="sm">
                          Options non assurées par le contrat {b} :{' '}
                          {c.optionsNonAssurees.map((e) => elementLabels[e]).join(', ')}
                        </Text>
                      )}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      <NextPageButton list={apercu}>Afficher les collectivités suivantes</NextPageButton>

      <Radio.Group label="Sinistres à afficher" value={sens} onChange={(v) => setSens(v as TRenouvellementSens)}>
        <Group gap="md" mt="xs">
          <Radio value="restent" label={`Restent au contrat ${a} (${totaux.restent.toLocaleString('fr-FR')})`} />
          <Radio value="basculent" label={`Passent au contrat ${b} (${totaux.basculent.toLocaleString('fr-FR')})`} />
          <Radio value="bloquants" label="Bloquent la bascule" />
        </Group>
      </Radio.Group>
      <Sinistres contratId={contrat.id} successeurId={successeurId} sens={sens} />

      {!first.effectue && (
        <Group>
          <Button onClick={() => setConfirming(true)} disabled={totaux.bloquants > 0}>
            Basculer vers le contrat {b}
          </Button>
          {totaux.bloquants > 0 && <Text size="sm">Réglez d’abord les points bloquants.</Text>}
        </Group>
      )}
      <ConfirmModal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={`Renouveler le contrat ${a} par le contrat ${b} ?`}
        confirmLabel="Confirmer la bascule"
        danger={false}
        onConfirm={async () => {
          const r = await api.post<TRenouvellementResultat>(renouvellementUrl(contrat.id), { successeurId });
          notifySuccess(
            r.dejaEffectue
              ? `Le renouvellement par le contrat ${b} était déjà fait : rien n’a changé.`
              : `Contrat ${a} renouvelé par le contrat ${b} : ${plural(r.adhesionsCreees, 'adhésion reportée', 'adhésions reportées')}, ${plural(r.sinistresBascules, 'sinistre rattaché', 'sinistres rattachés')} au contrat ${b}.`,
          );
          void queryClient.invalidateQueries({ queryKey: [renouvellementUrl(contrat.id)] });
          void queryClient.invalidateQueries({ queryKey: gestionContratKey(contrat.id) });
        }}
      >
        <Stack gap="xs">
          <Text>
            Le contrat n° {a} finira le {formatDate(first.finAncien)} et gardera{' '}
            {plural(totaux.restent, 'chaîne d’arrêts ouverte', 'chaînes d’arrêts ouvertes')} jusqu’à la reprise.
          </Text>
          <Text>
            {plural(totaux.adhesionsACreer, 'collectivité adhérera', 'collectivités adhéreront')} au contrat n° {b} au{' '}
            {formatDate(first.dateBascule)} ; {plural(totaux.basculent, 'sinistre passera', 'sinistres passeront')} au
            contrat n° {b}.
          </Text>
        </Stack>
      </ConfirmModal>
    </Stack>
  );
}

/**
 * « Renouvellement »: choose the contract that succeeds this one, see the split of the arrêt
 * chains (domain §10: a chain stays with the contract in force on its first day) and switch.
 */
export function RenouvellementSection({ contrat }: { contrat: TContratGestion }) {
  const contrats = useContratsFiltre();
  const [successeurId, setSuccesseurId] = useState<string | null>(contrat.successeurId);
  // Once renewed, the successor is the only choice left.
  const candidats = (contrats.data?.items ?? []).filter(
    (c) =>
      c.id !== contrat.id && c.regime === contrat.regime && (!contrat.successeurId || c.id === contrat.successeurId),
  );
  return (
    <Section title="Renouvellement" id="renouvellement">
      <Text>
        Quand un nouveau contrat succède à celui-ci, les chaînes d’arrêts commencées avant sa date d’effet restent à ce
        contrat jusqu’à la reprise du travail ; celles qui commencent à partir de cette date vont au nouveau contrat.
        Choisissez le successeur pour voir la répartition avant la bascule.
      </Text>
      <Select
        label="Contrat successeur"
        description={`Un contrat ${contrat.regime} qui prend effet au plus tard le lendemain de la fin de celui-ci.`}
        placeholder={candidats.length ? 'Choisissez un contrat' : 'Aucun autre contrat de ce régime'}
        data={candidats.map((c) => ({
          value: c.id,
          label: `${c.numero} — à partir du ${formatDate(c.dateEffet)}`,
        }))}
        value={successeurId}
        onChange={setSuccesseurId}
        maw={480}
      />
      {candidats.length === 0 && contrats.isSuccess && (
        <Badge variant="light" color="gray" w="fit-content">
          Créez d’abord le contrat qui succède à celui-ci.
        </Badge>
      )}
      {successeurId && <Repartition key={successeurId} contrat={contrat} successeurId={successeurId} />}
    </Section>
  );
}
