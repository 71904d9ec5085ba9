import { NativeSelect, SimpleGrid, Table, Text } from '@mantine/core';
import {
  ANTECEDENT_CATEGORIES,
  formatDate,
  risqueLabels,
  risquesParRegime,
  type TAntecedent,
  type TAntecedentCategorie,
  type TRegime,
  ZAntecedentInput,
} from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { ApiForm } from '../../components/ApiForm';
import { ConfirmModal } from '../../components/ConfirmModal';
import { DeleteIconButton } from '../../components/DeleteIconButton';
import { FrenchDateInput } from '../../components/FrenchDateInput';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/api';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { antecedentsKey, entreesApi, useAntecedents } from './api';

const periode = (a: { du: string; au: string }) => `du ${formatDate(a.du)} au ${formatDate(a.au)}`;

/**
 * « Antécédents »: the agent's leave before he came into Statutis (maladie ordinaire, CLM, CLD,
 * CGM). The rolling year and the rights to a congé count those days.
 */
export function AntecedentsSection({
  agentId,
  regime,
  canWrite,
}: {
  agentId: string;
  regime: TRegime;
  canWrite: boolean;
}) {
  const queryClient = useQueryClient();
  const antecedents = useAntecedents(agentId);
  const [aRetirer, setARetirer] = useState<TAntecedent | null>(null);
  const categories = ANTECEDENT_CATEGORIES.filter((c) => risquesParRegime[regime].includes(c));
  const controller = useApiForm({
    initialValues: {
      categorie: 'maladie_ordinaire' as TAntecedentCategorie,
      du: null as string | null,
      au: null as string | null,
    },
    schema: ZAntecedentInput,
    submit: (body: z.output<typeof ZAntecedentInput>) => entreesApi.addAntecedent(agentId, body),
    onSuccess: (saved, body) => {
      queryClient.setQueryData(antecedentsKey(agentId), saved);
      controller.reset();
      notifySuccess(`L’antécédent ${periode(body)} est enregistré.`);
    },
  });
  const items = antecedents.data?.items ?? [];
  return (
    <Section title="Antécédents (congés antérieurs à Statutis)" id="antecedents">
      <Text size="sm">
        Les congés de maladie pris avant la saisie de l’agent dans Statutis : ils comptent dans l’année glissante et
        dans les droits à congé pour le calcul des remboursements.
      </Text>
      {antecedents.isError && <ProblemAlert>{errorMessage(antecedents.error)}</ProblemAlert>}
      {antecedents.data &&
        (items.length === 0 ? (
          <Text>Aucun antécédent saisi.</Text>
        ) : (
          <ScrollTable caption="Antécédents de l’agent" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Période</Table.Th>
                <Table.Th scope="col">Catégorie</Table.Th>
                <Table.Th scope="col">Jours</Table.Th>
                <Table.Th scope="col">Saisi par</Table.Th>
                {canWrite && <Table.Th scope="col">Retirer</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Th scope="row" fw={500}>
                    {periode(a)}
                  </Table.Th>
                  <Table.Td>{risqueLabels[a.categorie]}</Table.Td>
                  <Table.Td>{a.jours.toLocaleString('fr-FR')}</Table.Td>
                  <Table.Td>{a.saisiPar}</Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <DeleteIconButton label={`Retirer l’antécédent ${periode(a)}`} onClick={() => setARetirer(a)} />
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </ScrollTable>
        ))}
      {canWrite && (
        <ApiForm controller={controller} submitLabel="Ajouter l’antécédent">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label="Catégorie"
              data={categories.map((c) => ({ value: c, label: risqueLabels[c] }))}
              {...controller.form.getInputProps('categorie')}
            />
            <FrenchDateInput label="Du" description="JJ/MM/AAAA" required {...controller.form.getInputProps('du')} />
            <FrenchDateInput label="Au" description="JJ/MM/AAAA" required {...controller.form.getInputProps('au')} />
          </SimpleGrid>
        </ApiForm>
      )}
      <ConfirmModal
        opened={aRetirer !== null}
        onClose={() => setARetirer(null)}
        title="Retirer un antécédent"
        confirmLabel="Retirer"
        onConfirm={async () => {
          if (!aRetirer) return;
          queryClient.setQueryData(antecedentsKey(agentId), await entreesApi.removeAntecedent(agentId, aRetirer.id));
          notifySuccess(`L’antécédent ${periode(aRetirer)} est retiré.`);
        }}
      >
        <Text>{aRetirer && `L’antécédent ${periode(aRetirer)} ne sera plus compté.`}</Text>
      </ConfirmModal>
    </Section>
  );
}
