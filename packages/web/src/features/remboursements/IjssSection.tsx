import { SimpleGrid, Table, Text } from '@mantine/core';
import { formatDate, formatEuros, type TIjss, type TSinistreDetail, ZIjssInput } from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { ApiForm } from '../../components/ApiForm';
import { ConfirmModal } from '../../components/ConfirmModal';
import { DeleteIconButton } from '../../components/DeleteIconButton';
import { FrenchDateInput } from '../../components/FrenchDateInput';
import { MoneyInput } from '../../components/MoneyInput';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/api';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { entreesApi, ijssKey, useIjss } from './api';

const periode = (p: { du: string; au: string }) => `du ${formatDate(p.du)} au ${formatDate(p.au)}`;

/**
 * IJSS of an IRCANTEC agent, entered from the CPAM statements: the insurer deducts them from what it
 * reimburses (a day is deducted once). Shown only when the sinistre's regime has them.
 */
export function IjssSection({ sinistre, canWrite }: { sinistre: TSinistreDetail; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const ijss = useIjss(sinistre.id);
  const [aRetirer, setARetirer] = useState<TIjss | null>(null);
  const controller = useApiForm({
    initialValues: {
      du: null as string | null,
      au: null as string | null,
      montantJournalier: null as number | null,
      montantTotal: null as number | null,
    },
    schema: ZIjssInput,
    submit: (body: z.output<typeof ZIjssInput>) => entreesApi.addIjss(sinistre.id, body),
    onSuccess: (saved, body) => {
      queryClient.setQueryData(ijssKey(sinistre.id), saved);
      controller.reset();
      notifySuccess(`Les IJSS ${periode(body)} sont enregistrées.`);
    },
  });
  if (ijss.data && !ijss.data.applicable) return null;
  const items = ijss.data?.items ?? [];
  return (
    <Section title="IJSS de la Sécurité sociale" id="ijss">
      <Text>
        Indemnités journalières versées par la CPAM pour cet arrêt, d’après ses relevés : l’assureur les déduit de son
        remboursement. Saisissez chaque période du relevé avec son montant journalier, ou son montant total.
      </Text>
      {ijss.isError && <ProblemAlert>{errorMessage(ijss.error)}</ProblemAlert>}
      {ijss.data &&
        (items.length === 0 ? (
          <Text>Aucune période d’IJSS saisie.</Text>
        ) : (
          <ScrollTable caption={`IJSS du sinistre n° ${sinistre.numero}`} striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Période</Table.Th>
                <Table.Th scope="col">Montant journalier</Table.Th>
                <Table.Th scope="col">Montant de la période</Table.Th>
                <Table.Th scope="col">Saisie</Table.Th>
                {canWrite && <Table.Th scope="col">Retirer</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Th scope="row" fw={500}>
                    {periode(p)}
                  </Table.Th>
                  <Table.Td>{p.montantJournalier === null ? '—' : formatEuros(p.montantJournalier)}</Table.Td>
                  <Table.Td>{formatEuros(p.montantPeriode)}</Table.Td>
                  <Table.Td>{p.saisiPar}</Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <DeleteIconButton label={`Retirer les IJSS ${periode(p)}`} onClick={() => setARetirer(p)} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        ))}
      {canWrite && (
        <ApiForm controller={controller} submitLabel="Ajouter la période d’IJSS">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <FrenchDateInput
              label="Du"
              description="Premier jour indemnisé (JJ/MM/AAAA)."
              required
              {...controller.form.getInputProps('du')}
            />
            <FrenchDateInput
              label="Au"
              description="Dernier jour indemnisé (JJ/MM/AAAA)."
              required
              {...controller.form.getInputProps('au')}
            />
            <MoneyInput
              label="Montant journalier"
              description="Par exemple 28,52. Ou bien le montant de la période, à côté."
              {...controller.form.getInputProps('montantJournalier')}
            />
            <MoneyInput
              label="Montant de la période"
              description="Le total versé pour la période, si le relevé ne donne pas de montant journalier."
              {...controller.form.getInputProps('montantTotal')}
            />
          </SimpleGrid>
        </ApiForm>
      )}
      <ConfirmModal
        opened={aRetirer !== null}
        onClose={() => setARetirer(null)}
        title="Retirer une période d’IJSS"
        confirmLabel="Retirer"
        onConfirm={async () => {
          if (!aRetirer) return;
          queryClient.setQueryData(ijssKey(sinistre.id), await entreesApi.removeIjss(sinistre.id, aRetirer.id));
          notifySuccess(`Les IJSS ${periode(aRetirer)} sont retirées.`);
        }}
      >
        <Text>{aRetirer && `Les IJSS ${periode(aRetirer)} ne seront plus déduites.`}</Text>
      </ConfirmModal>
    </Section>
  );
}
