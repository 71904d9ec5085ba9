import { Anchor, Button, Select, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { formatEuros, nomAgent, type TDecompteAValider } from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import { NextPageButton } from '../../../components/NextPageButton';
import { Page } from '../../../components/Page';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ScrollTable } from '../../../components/ScrollTable';
import { errorMessage } from '../../../lib/api';
import { plural } from '../../../lib/format';
import { notifyError, notifySuccess } from '../../../lib/notify';
import { periode } from '../../reglements/ReglementsTable';
import { eurosSignes } from '../../remboursements/DecompteDetail';
import { aValiderKey, decomptesApi, useDecomptesAValider } from '../../remboursements/decomptes.api';
import { usePortefeuille } from '../corbeille/api';

const TOUTES = '';

/**
 * Gestion › Décomptes à valider: the computed décomptes of the organisation waiting for a handler,
 * oldest first, each validated from its row or checked on its file first.
 */
export function DecomptesAValiderPage() {
  const [collectiviteId, setCollectiviteId] = useState(TOUTES);
  const list = useDecomptesAValider(collectiviteId);
  const portefeuille = usePortefeuille();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);
  // The validated row leaves the list: the keyboard focus goes back to the list rather than to the page's start.
  const listRef = useRef<HTMLDivElement>(null);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const collectivites = useMemo(() => {
    const all = new Map<string, string>();
    for (const c of portefeuille.data?.collectivites ?? []) all.set(c.id, c.nom);
    for (const d of rows) all.set(d.collectivite.id, d.collectivite.nom);
    return [...all].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'fr'));
  }, [portefeuille.data, rows]);

  async function valider(d: TDecompteAValider) {
    setBusy(d.id);
    try {
      await decomptesApi.valider(d.id);
      notifySuccess(`Le décompte ${d.numero} est validé.`);
      await queryClient.invalidateQueries({ queryKey: aValiderKey(collectiviteId) });
      await queryClient.invalidateQueries({ queryKey: ['decomptes', d.sinistre.id] });
      listRef.current?.focus();
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  }

  return (
    <Page
      title="Décomptes à valider"
      intro="Les décomptes calculés qui attendent votre validation, les plus anciens d’abord. Vérifiez l’explication du calcul sur le dossier avant de valider."
    >
      <Stack>
        <Select
          label="Collectivité"
          data={[{ value: TOUTES, label: 'Toutes' }, ...collectivites]}
          value={collectiviteId}
          onChange={(v) => setCollectiviteId(v ?? TOUTES)}
          searchable
          allowDeselect={false}
          maw={420}
        />
        {list.isError && <ProblemAlert>{errorMessage(list.error)}</ProblemAlert>}
        <Stack ref={listRef} tabIndex={-1} gap="sm" aria-label="Liste des décomptes à valider" role="group">
          {list.isSuccess && rows.length === 0 && <Text>Aucun décompte à valider.</Text>}
          {rows.length > 0 && (
            <ScrollTable caption="Décomptes à valider">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Décompte</Table.Th>
                  <Table.Th scope="col">Collectivité</Table.Th>
                  <Table.Th scope="col">Sinistre</Table.Th>
                  <Table.Th scope="col">Agent</Table.Th>
                  <Table.Th scope="col">Période</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Montant
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Régularisation
                  </Table.Th>
                  <Table.Th scope="col">Action</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((d) => (
                  <Table.Tr key={d.id}>
                    <Table.Td>
                      {d.numero}
                      {d.version > 1 && ` (version ${d.version})`}
                    </Table.Td>
                    <Table.Td>{d.collectivite.nom}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/gestion/sinistres/${d.sinistre.id}#decomptes`}>
                        {d.sinistre.numero}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{nomAgent(d.agent)}</Table.Td>
                    <Table.Td>{periode(d.periode)}</Table.Td>
                    <Table.Td ta="right">{formatEuros(d.montant)}</Table.Td>
                    <Table.Td ta="right">{d.version > 1 ? eurosSignes(d.aRegler) : '—'}</Table.Td>
                    <Table.Td>
                      <Button size="xs" loading={busy === d.id} disabled={!!busy} onClick={() => void valider(d)}>
                        Valider<VisuallyHidden> le décompte {d.numero}</VisuallyHidden>
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          )}
          <NextPageButton list={list}>Afficher les décomptes suivants</NextPageButton>
          {list.isSuccess && rows.length > 0 && (
            <Text size="sm">{plural(rows.length, 'décompte affiché', 'décomptes affichés')}.</Text>
          )}
        </Stack>
      </Stack>
    </Page>
  );
}
