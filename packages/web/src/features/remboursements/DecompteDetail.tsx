import { Accordion, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { elementLabels, formatDate, formatEuros, formatMois, type TDecompteExplique } from '@statutis/domain';
import { ScrollTable } from '../../components/ScrollTable';

const element = (e: string) => elementLabels[e as keyof typeof elementLabels] ?? e;
/** Thousandths of full pay → « 90 % ». */
const fraction = (f: number) => `${(f / 10).toLocaleString('fr-FR', { maximumFractionDigits: 1 })}\u00a0%`;
/** « −120,50 € »: a regularisation owed back reads as negative, with a true minus sign. */
export const eurosSignes = (cents: number) => (cents < 0 ? `−${formatEuros(-cents)}` : formatEuros(cents));

function Lignes({ d }: { d: TDecompteExplique }) {
  return (
    <ScrollTable caption={`Lignes du décompte ${d.numero}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Mois</Table.Th>
          <Table.Th scope="col">Élément</Table.Th>
          <Table.Th scope="col" ta="right">
            Trentièmes
          </Table.Th>
          <Table.Th scope="col" ta="right">
            Taux
          </Table.Th>
          <Table.Th scope="col" ta="right">
            Montant
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {d.lignes.map((l) => (
          // Several invoices of medical fees share a month: their label and amount keep the keys apart.
          <Table.Tr key={`${l.mois}-${l.element}-${l.fraction}-${l.libelle ?? ''}-${l.montant}`}>
            <Table.Td>{formatMois(l.mois)}</Table.Td>
            <Table.Td>{l.libelle ?? element(l.element)}</Table.Td>
            <Table.Td ta="right">{l.trentiemes}/30</Table.Td>
            <Table.Td ta="right">{fraction(l.fraction)}</Table.Td>
            <Table.Td ta="right">{formatEuros(l.montant)}</Table.Td>
          </Table.Tr>
        ))}
        {d.mois.map((m) => (
          <Table.Tr key={m.mois}>
            <Table.Td colSpan={4}>
              {formatMois(m.mois)} : {formatEuros(m.brut)}
              {m.ijss ? ` − IJSS ${formatEuros(m.ijss)}` : ''}, remboursé à {m.remboursementPct}
              {'\u00a0%'}
            </Table.Td>
            <Table.Td ta="right">
              <strong>{formatEuros(m.rembourse)}</strong>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

function Entrees({ d }: { d: TDecompteExplique }) {
  const e = d.entreesAffichees;
  if (!e) return null;
  return (
    <Stack gap="xs">
      <Title order={4}>Entrées du calcul</Title>
      <List size="sm">
        {e.arrets.map((a) => (
          <List.Item key={a.debut}>
            Arrêt du {formatDate(a.debut)} au {formatDate(a.fin)} ({a.type})
          </List.Item>
        ))}
        {Object.entries(e.salaires).map(([mois, s]) => (
          <List.Item key={mois}>
            Salaire, {formatMois(mois)} :{' '}
            {Object.entries(s)
              .map(([k, v]) => `${element(k)} ${formatEuros(v)}`)
              .join(', ')}
          </List.Item>
        ))}
        {e.ijss.map((i) => (
          <List.Item key={i.debut}>
            IJSS du {formatDate(i.debut)} au {formatDate(i.fin)} : {formatEuros(i.montant)}
            {i.journalier ? ' par jour' : ' pour la période'}
          </List.Item>
        ))}
        <List.Item>
          Garantie : franchise de {e.franchiseJours ?? '—'} jours, remboursement à {e.remboursementPct ?? '—'}
          {'\u00a0%'}, éléments assurés : {e.elements.map(element).join(', ')}
        </List.Item>
      </List>
      {d.alertes.map((a) => (
        <Text key={a} size="sm" c="orange.9">
          {a}
        </Text>
      ))}
    </Stack>
  );
}

function Explication({ d }: { d: TDecompteExplique }) {
  return (
    <List size="sm">
      {d.explication.map((p) => (
        <List.Item key={p}>{p}</List.Item>
      ))}
    </List>
  );
}

/**
 * A décompte: its amount (a regularisation shown as such), its month lines and « Pourquoi ce
 * montant ? », the engine's day ledger in French; the handler also sees the inputs beside it.
 */
export function DecompteDetail({ d, entrees = false }: { d: TDecompteExplique; entrees?: boolean }) {
  return (
    <Stack gap="sm">
      <Text>
        Période du {formatDate(d.periode.du)} au {formatDate(d.periode.au)} — montant de la période{' '}
        <strong>{formatEuros(d.montant)}</strong>
        {d.version > 1 ? (
          <>
            {' '}
            ; déjà réglé {formatEuros(d.dejaRegle)} ; régularisation <strong>{eurosSignes(d.aRegler)}</strong>
          </>
        ) : null}
        {d.joursFranchise ? `, ${d.joursFranchise} jours de franchise` : ''}
        {d.joursCarence ? `, ${d.joursCarence} jour de carence` : ''}
        {d.ijss ? `, IJSS déduites ${formatEuros(d.ijss)}` : ''}.
      </Text>
      <Lignes d={d} />
      {entrees ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Entrees d={d} />
          <Stack gap="xs">
            <Title order={4}>Pourquoi ce montant ?</Title>
            <Explication d={d} />
          </Stack>
        </SimpleGrid>
      ) : (
        <Accordion variant="contained">
          <Accordion.Item value="pourquoi">
            <Accordion.Control>Pourquoi ce montant ?</Accordion.Control>
            <Accordion.Panel>
              <Explication d={d} />
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      )}
    </Stack>
  );
}
