import { Alert, Anchor, Button, Checkbox, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import {
  APPEL_STATUTS,
  appelStatutLabels,
  formatEuros,
  formatVariation,
  libelleAppel,
  type TControleLigne,
  type TLotResultat,
} from '@statutis/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { NextPageButton } from '../../../components/NextPageButton';
import { Page } from '../../../components/Page';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ScrollTable } from '../../../components/ScrollTable';
import { errorMessage } from '../../../lib/api';
import { plural } from '../../../lib/format';
import { AppelStatut } from '../../cotisations/AppelStatut';
import { AnneeSelect, ContratSelect } from '../FiltresAnnee';
import {
  appelGestionPath,
  appelsGestionApi,
  CONTROLE_ENDPOINT,
  type ControleFiltres,
  FRAIS_PATH,
  useControle,
} from './api';

const TOUS = '';

function Comparaison({ e }: { e: TControleLigne['anneePrecedente'] }) {
  if (!e) return <Text size="sm">—</Text>;
  return (
    <Text size="sm" c={e.signale ? 'red.9' : undefined} fw={e.signale ? 700 : undefined}>
      {formatVariation(e.variation)}
      <Text span size="xs" c="dimmed">
        {' '}
        ({formatEuros(e.reference)})
      </Text>
    </Text>
  );
}

function resume(r: TLotResultat, verbe: [string, string]) {
  const echecs = r.echecs.map((e) => `${e.numero ?? 'Appel'} : ${e.message}`);
  return [`${plural(r.faits, 'appel')} ${r.faits >= 2 ? verbe[1] : verbe[0]}.`, ...echecs].join(' ');
}

/**
 * Gestion › Appels de cotisation: the CDG's control screen before emission — the calls of a year with
 * the base per CNRACL agent against last year's and the CDG's median (beyond ± 10 %: flagged and
 * explained); the missing drafts generated in bulk, a selection checked, the checked ones issued.
 */
export function AppelsGestionPage() {
  const courante = new Date().getFullYear();
  const [filtres, setFiltres] = useState<ControleFiltres>({ annee: courante });
  const [selection, setSelection] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [annulation, setAnnulation] = useState<{ id: string; motif: string } | null>(null);
  const list = useControle(filtres);
  const queryClient = useQueryClient();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const mediane = list.data?.pages[0]?.medianeCdg ?? null;

  const lot = useMutation({
    mutationFn: async (a: { run: () => Promise<TLotResultat>; verbe: [string, string] }) =>
      resume(await a.run(), a.verbe),
    onSuccess: (m) => {
      setMessage(m);
      setSelection([]);
      void queryClient.invalidateQueries({ queryKey: [CONTROLE_ENDPOINT] });
    },
  });
  const annuler = useMutation({
    mutationFn: (a: { id: string; motif: string }) => appelsGestionApi.annuler(a.id, a.motif),
    onSuccess: () => {
      setAnnulation(null);
      setMessage('Appel annulé.');
      void queryClient.invalidateQueries({ queryKey: [CONTROLE_ENDPOINT] });
    },
  });
  const toggle = (id: string, on: boolean) => setSelection((s) => (on ? [...s, id] : s.filter((x) => x !== id)));

  return (
    <Page
      title="Appels de cotisation"
      intro="Les appels de l’année des collectivités adhérentes. Avant d’émettre, comparez la base par agent CNRACL à celle de l’année précédente et à la médiane du centre de gestion : un écart au-delà de ± 10 % est signalé."
      actions={
        <Button component={Link} to={FRAIS_PATH} variant="default">
          Frais de gestion du centre de gestion
        </Button>
      }
    >
      <Stack>
        <Group align="end" wrap="wrap">
          <AnneeSelect value={filtres.annee} onChange={(annee) => setFiltres((f) => ({ ...f, annee }))} />
          <Select
            label="Statut"
            data={[
              { value: TOUS, label: 'Tous' },
              ...APPEL_STATUTS.map((s) => ({ value: s, label: appelStatutLabels[s] })),
            ]}
            value={filtres.statut ?? TOUS}
            onChange={(v) => setFiltres((f) => ({ ...f, statut: (v || undefined) as ControleFiltres['statut'] }))}
            w={200}
          />
          <ContratSelect value={filtres.contratId} onChange={(contratId) => setFiltres((f) => ({ ...f, contratId }))} />
          <Select
            label="Afficher"
            data={[
              { value: TOUS, label: 'Tous les appels' },
              { value: 'a_controler', label: 'À contrôler' },
              { value: 'ecarts', label: 'Écarts signalés' },
            ]}
            value={filtres.filtre ?? TOUS}
            onChange={(v) => setFiltres((f) => ({ ...f, filtre: (v || undefined) as ControleFiltres['filtre'] }))}
            w={200}
          />
        </Group>
        <Group>
          <Button
            variant="light"
            loading={lot.isPending}
            onClick={() =>
              lot.mutate({ run: () => appelsGestionApi.generer(filtres.annee), verbe: ['préparé', 'préparés'] })
            }
          >
            Préparer les appels manquants {filtres.annee}
          </Button>
          <Button
            disabled={selection.length === 0}
            loading={lot.isPending}
            onClick={() =>
              lot.mutate({ run: () => appelsGestionApi.controler(selection), verbe: ['contrôlé', 'contrôlés'] })
            }
          >
            Contrôler la sélection ({selection.length})
          </Button>
          <Button
            color="green.9"
            disabled={selection.length === 0}
            loading={lot.isPending}
            onClick={() => lot.mutate({ run: () => appelsGestionApi.emettre(selection), verbe: ['émis', 'émis'] })}
          >
            Émettre la sélection ({selection.length})
          </Button>
        </Group>
        {mediane !== null && (
          <Text size="sm">
            Médiane {filtres.annee} du centre de gestion : {formatEuros(mediane)} par agent CNRACL.
          </Text>
        )}
        {message && (
          <Alert role="status" color="blue" withCloseButton onClose={() => setMessage(null)} closeButtonLabel="Fermer">
            {message}
          </Alert>
        )}
        {lot.isError && <ProblemAlert>{errorMessage(lot.error)}</ProblemAlert>}
        {annuler.isError && <ProblemAlert>{errorMessage(annuler.error)}</ProblemAlert>}
        {list.isError && <ProblemAlert>{errorMessage(list.error)}</ProblemAlert>}
        {annulation && (
          <Group align="end">
            <TextInput
              label="Motif de l’annulation"
              value={annulation.motif}
              onChange={(e) => setAnnulation({ ...annulation, motif: e.currentTarget.value })}
              w={360}
            />
            <Button color="red.9" loading={annuler.isPending} onClick={() => annuler.mutate(annulation)}>
              Confirmer l’annulation
            </Button>
            <Button variant="default" onClick={() => setAnnulation(null)}>
              Ne pas annuler
            </Button>
          </Group>
        )}
        <ScrollTable caption="Appels de cotisation">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>
                <Checkbox
                  aria-label="Tout sélectionner"
                  checked={rows.length > 0 && selection.length === rows.length}
                  onChange={(e) => setSelection(e.currentTarget.checked ? rows.map((r) => r.id) : [])}
                />
              </Table.Th>
              <Table.Th>Appel</Table.Th>
              <Table.Th>Collectivité</Table.Th>
              <Table.Th>Statut</Table.Th>
              <Table.Th ta="right">Montant</Table.Th>
              <Table.Th ta="right">Base par agent</Table.Th>
              <Table.Th>Année précédente</Table.Th>
              <Table.Th>Médiane CDG</Table.Th>
              <Table.Th>Actions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Checkbox
                    aria-label={`Sélectionner ${r.numero}`}
                    checked={selection.includes(r.id)}
                    onChange={(e) => toggle(r.id, e.currentTarget.checked)}
                  />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={appelGestionPath(r.id)}>
                    {r.numero}
                  </Anchor>
                  <Text size="xs">
                    {r.objet === 'frais_gestion' ? `${libelleAppel(r)} — ` : ''}
                    {r.contrat.numero}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {r.collectivite.nom}
                  {r.explication && (
                    <Text size="xs" c="red.9">
                      {r.explication}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <AppelStatut statut={r.statut} />
                </Table.Td>
                <Table.Td ta="right">{formatEuros(r.total)}</Table.Td>
                <Table.Td ta="right">{r.baseParAgent === null ? '—' : formatEuros(r.baseParAgent)}</Table.Td>
                <Table.Td>
                  <Comparaison e={r.anneePrecedente} />
                </Table.Td>
                <Table.Td>
                  <Comparaison e={r.medianeCdg} />
                </Table.Td>
                <Table.Td>
                  {r.statut !== 'annule' && r.encaisse === 0 && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red.9"
                      c="red.9"
                      onClick={() => setAnnulation({ id: r.id, motif: '' })}
                    >
                      Annuler {r.numero}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
            {!list.isPending && rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={9}>Aucun appel de cotisation pour ces critères.</Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </ScrollTable>
        <NextPageButton list={list}>Afficher les appels suivants</NextPageButton>
      </Stack>
    </Page>
  );
}
