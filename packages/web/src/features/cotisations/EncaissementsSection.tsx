import { Button, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import {
  ENCAISSEMENT_MODES,
  encaissementModeLabels,
  encaissementSourceLabels,
  formatDate,
  formatEuros,
  type TEncaissementsAppel,
  ZEncaissementInput,
} from '@statutis/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiForm } from '../../components/ApiForm';
import { FrenchDateInput } from '../../components/FrenchDateInput';
import { MoneyInput } from '../../components/MoneyInput';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { api, errorMessage } from '../../lib/api';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';

/** A payment entered by hand by the gestionnaire. */
function SaisieForm({ endpoint, onDone }: { endpoint: string; onDone: () => void }) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: { montant: null, date: null, reference: '', mode: 'virement' } as Record<string, unknown>,
    schema: ZEncaissementInput,
    submit: (body) => api.post<TEncaissementsAppel>(endpoint, body),
    onSuccess: async (saved) => {
      queryClient.setQueryData([endpoint], saved);
      await queryClient.invalidateQueries({ queryKey: ['/api/gestion/cotisations/appels'] });
      notifySuccess(`Paiement enregistré sur l’appel ${saved.numero}.`);
      onDone();
    },
  });
  const { form } = controller;
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer le paiement" onCancel={onDone}>
      <MoneyInput label="Montant reçu" description="En euros." required {...form.getInputProps('montant')} />
      <FrenchDateInput
        label="Date de réception"
        description="Au format JJ/MM/AAAA."
        required
        {...form.getInputProps('date')}
      />
      <NativeSelect
        label="Mode de paiement"
        required
        data={ENCAISSEMENT_MODES.map((m) => ({ value: m, label: encaissementModeLabels[m] }))}
        {...form.getInputProps('mode')}
      />
      <TextInput
        label="Référence"
        description="Numéro du virement ou du chèque."
        maxLength={140}
        {...form.getInputProps('reference')}
      />
    </ApiForm>
  );
}

/**
 * What is paid and what is due on each échéance of a call, and the payments received. The employer
 * reads it (`/api/cotisations/:id/encaissements`); a gestionnaire also enters a payment by hand.
 */
export function EncaissementsSection({ endpoint, canWrite = false }: { endpoint: string; canWrite?: boolean }) {
  const query = useQuery({
    queryKey: [endpoint],
    queryFn: ({ signal }) => api.get<TEncaissementsAppel>(endpoint, { signal }),
  });
  const [saisie, setSaisie] = useState(false);
  if (query.isPending) return null;
  if (query.isError) return <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>;
  const s = query.data;
  return (
    <Section title="Paiements" id="paiements">
      <Stack gap="sm">
        <Text>
          Reçu : <strong>{formatEuros(s.encaisse)}</strong> sur {formatEuros(s.total)} — reste dû :{' '}
          <strong>{formatEuros(Math.max(0, s.total - s.encaisse))}</strong>.
        </Text>
        <ScrollTable caption={`Paiement de chaque échéance de l’appel ${s.numero}`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Échéance</Table.Th>
              <Table.Th scope="col">À payer le</Table.Th>
              <Table.Th scope="col" ta="right">
                Montant
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Payé
              </Table.Th>
              <Table.Th scope="col" ta="right">
                Reste dû
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {s.echeances.map((e) => (
              <Table.Tr key={e.rang}>
                <Table.Th scope="row" fw={500}>
                  {e.rang}
                </Table.Th>
                <Table.Td>{formatDate(e.dateEcheance)}</Table.Td>
                <Table.Td ta="right">{formatEuros(e.montant)}</Table.Td>
                <Table.Td ta="right">{formatEuros(e.paye)}</Table.Td>
                <Table.Td ta="right">{formatEuros(e.du)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
        {s.encaissements.length === 0 ? (
          <Text>Aucun paiement reçu pour l’instant.</Text>
        ) : (
          <ScrollTable caption={`Paiements reçus sur l’appel ${s.numero}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Reçu le</Table.Th>
                <Table.Th scope="col" ta="right">
                  Montant
                </Table.Th>
                <Table.Th scope="col">Mode</Table.Th>
                <Table.Th scope="col">Référence</Table.Th>
                <Table.Th scope="col">Enregistré par</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.encaissements.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Th scope="row" fw={500}>
                    {formatDate(e.date)}
                  </Table.Th>
                  <Table.Td ta="right">{formatEuros(e.montant)}</Table.Td>
                  <Table.Td>{encaissementModeLabels[e.mode]}</Table.Td>
                  <Table.Td style={{ overflowWrap: 'anywhere' }}>{e.reference || '—'}</Table.Td>
                  <Table.Td>{encaissementSourceLabels[e.source]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        )}
        {canWrite &&
          (saisie ? (
            <SaisieForm endpoint={endpoint} onDone={() => setSaisie(false)} />
          ) : (
            s.total > s.encaisse && (
              <Button w="fit-content" onClick={() => setSaisie(true)}>
                Saisir un paiement
              </Button>
            )
          ))}
      </Stack>
    </Section>
  );
}
