import { Badge, Group, List, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  formatDate,
  formatDateTime,
  formatEuros,
  formatTaux,
  franchiseUniteLabels,
  PILOTAGE_FILTRES_BASE,
  risqueLabels,
  type TPilotageAdhesion,
  type TPilotageLigne,
} from '@statutis/domain';
import { useState } from 'react';
import { NextPageButton } from '../../../components/NextPageButton';
import { Page } from '../../../components/Page';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ScrollTable } from '../../../components/ScrollTable';
import { errorMessage } from '../../../lib/api';
import { plural } from '../../../lib/format';
import { AnneeSelect, ContratSelect } from '../FiltresAnnee';
import { type PilotageFiltres, usePilotage } from './api';

const TOUS = '';
const filtreBaseLabels: Record<(typeof PILOTAGE_FILTRES_BASE)[number], string> = {
  previsionnelle_manquante: 'Base prévisionnelle manquante',
  reelle_manquante: 'Base réelle manquante',
  completes: 'Bases complètes',
};

function Options({ a }: { a: TPilotageAdhesion }) {
  return (
    <List size="sm" spacing={0}>
      {a.garanties.map((g) => (
        <List.Item key={g.risque}>
          {risqueLabels[g.risque]} :{' '}
          {g.franchiseNombre > 0
            ? `franchise ${g.franchiseNombre} ${franchiseUniteLabels[g.franchiseUnite]}`
            : 'sans franchise'}
          , {g.remboursementPct} %
        </List.Item>
      ))}
    </List>
  );
}

function Base({ base, label }: { base: TPilotageAdhesion['previsionnelle']; label: string }) {
  if (!base)
    return (
      <Badge color="red" variant="light">
        {label} manquante
      </Badge>
    );
  return (
    <Text size="sm">
      {label} : {formatEuros(base.cotisation)}
      <Text span size="xs" c="dimmed">
        {' '}
        ({base.effectif} agents, assiette {formatEuros(base.assiette)})
      </Text>
    </Text>
  );
}

function Ligne({ l }: { l: TPilotageLigne }) {
  const rows = Math.max(1, l.adhesions.length);
  const collectivite = (
    <>
      <Table.Td rowSpan={rows}>
        <Text fw={600}>{l.nom}</Text>
        <Text size="xs">SIRET {l.siret}</Text>
      </Table.Td>
      <Table.Td rowSpan={rows} ta="right">
        {l.effectif}
      </Table.Td>
    </>
  );
  const fin = (
    <>
      <Table.Td rowSpan={rows}>{l.relanceBaseLe ? `Relancée le ${formatDateTime(l.relanceBaseLe)}` : '—'}</Table.Td>
      {/* « Appels émis / payés » of the year. */}
      <Table.Td rowSpan={rows}>{l.appels ? `${l.appels.emis} / ${l.appels.payes}` : 'À venir'}</Table.Td>
    </>
  );
  if (l.adhesions.length === 0)
    return (
      <Table.Tr>
        {collectivite}
        <Table.Td colSpan={3}>Aucun contrat cette année.</Table.Td>
        {fin}
      </Table.Tr>
    );
  return l.adhesions.map((a, i) => (
    <Table.Tr key={a.contrat.id}>
      {i === 0 && collectivite}
      <Table.Td>
        <Text size="sm" fw={600}>
          {a.contrat.numero} ({a.contrat.regime})
        </Text>
        <Text size="xs">
          Adhésion au {formatDate(a.dateAdhesion)}, taux {formatTaux(a.tauxCotisation)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Options a={a} />
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Base base={a.previsionnelle} label="Prévisionnelle" />
          <Base base={a.reelle} label="Réelle" />
        </Stack>
      </Table.Td>
      {i === 0 && fin}
    </Table.Tr>
  ));
}

/**
 * Gestion › Pilotage du contrat groupe: the organisation's collectivités with their adhesion (the
 * contract's options), headcount, the year's bases and the reminder sent when one is missing.
 */
export function PilotagePage() {
  const annee = new Date().getFullYear();
  const [filtres, setFiltres] = useState<PilotageFiltres>({ annee });
  const [q, setQ] = useState('');
  const [recherche] = useDebouncedValue(q.trim(), 350);
  const list = usePilotage({ ...filtres, q: recherche || undefined });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Page
      title="Pilotage du contrat groupe"
      intro="Les collectivités adhérentes : contrats et options choisies, effectif, bases de l’assurance de l’année. Une collectivité dont la base prévisionnelle manque à partir de février reçoit une relance, une fois par an, adressée à ses administrateurs."
    >
      <Stack>
        <Group align="end" wrap="wrap">
          <TextInput label="Collectivité" value={q} onChange={(e) => setQ(e.currentTarget.value)} maw={260} />
          <AnneeSelect value={filtres.annee ?? annee} onChange={(annee) => setFiltres((f) => ({ ...f, annee }))} />
          <ContratSelect value={filtres.contratId} onChange={(contratId) => setFiltres((f) => ({ ...f, contratId }))} />
          <Select
            label="Bases de l’année"
            data={[
              { value: TOUS, label: 'Toutes' },
              ...PILOTAGE_FILTRES_BASE.map((b) => ({ value: b, label: filtreBaseLabels[b] })),
            ]}
            value={filtres.base ?? TOUS}
            onChange={(v) =>
              setFiltres((f) => ({ ...f, base: (v || undefined) as PilotageFiltres['base'] | undefined }))
            }
            allowDeselect={false}
            w={280}
          />
        </Group>
        {list.isError && <ProblemAlert>{errorMessage(list.error)}</ProblemAlert>}
        {list.isSuccess && rows.length === 0 && <Text>Aucune collectivité ne correspond à ces critères.</Text>}
        {rows.length > 0 && (
          <ScrollTable caption={`Collectivités adhérentes, bases ${list.data?.pages[0]?.annee ?? filtres.annee}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Collectivité</Table.Th>
                <Table.Th scope="col" ta="right">
                  Effectif
                </Table.Th>
                <Table.Th scope="col">Contrat et adhésion</Table.Th>
                <Table.Th scope="col">Options choisies</Table.Th>
                <Table.Th scope="col">Bases de l’année</Table.Th>
                <Table.Th scope="col">Relance</Table.Th>
                <Table.Th scope="col">Appels émis / payés</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((l) => (
                <Ligne key={l.id} l={l} />
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
        <NextPageButton list={list}>Afficher les collectivités suivantes</NextPageButton>
        {list.isSuccess && rows.length > 0 && (
          <Text size="sm">{plural(rows.length, 'collectivité affichée', 'collectivités affichées')}.</Text>
        )}
      </Stack>
    </Page>
  );
}
