import { Alert, Badge, Button, Loader, NativeSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import {
  CONTROLE_MEDICAL_PARTIES,
  CONTROLE_MEDICAL_RESULTATS,
  CONTROLE_MEDICAL_TYPES,
  controleMedicalPartieLabels,
  controleMedicalResultatLabels,
  controleMedicalTypeLabels,
  formatDate,
  formatEuros,
  type TControleMedicalVue,
  ZControleMedical,
} from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiForm } from '../../../components/ApiForm';
import { FormModal } from '../../../components/FormModal';
import { FrenchDateInput } from '../../../components/FrenchDateInput';
import { MoneyInput } from '../../../components/MoneyInput';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { ScrollTable } from '../../../components/ScrollTable';
import { Section } from '../../../components/Section';
import { errorMessage } from '../../../lib/api';
import { notifySuccess } from '../../../lib/notify';
import { useApiForm } from '../../../lib/useApiForm';
import { useDialog } from '../../../lib/useDialog';
import { emptyToNull, suiviApi, suiviKeys, useControlesMedicaux } from './suivi.api';

const options = <K extends string>(codes: readonly K[], labels: Record<K, string>) =>
  codes.map((value) => ({ value, label: labels[value] }));

/** Selects give '' for « not chosen »: the shared schema wants null there. */
const ZControleForm = z.preprocess(emptyToNull, ZControleMedical);

const statutLabels: Record<TControleMedicalVue['statut'], string> = {
  demande: 'Demandé',
  planifie: 'Planifié',
  resultat: 'Résultat connu',
};

function ControleForm({
  sinistreId,
  controle,
  onDone,
}: {
  sinistreId: string;
  controle: TControleMedicalVue | null;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: {
      type: controle?.type ?? '',
      demandeur: controle?.demandeur ?? '',
      medecin: controle?.medecin ?? '',
      date: controle?.date ?? null,
      resultat: controle?.resultat ?? '',
      injustifieAPartirDu: controle?.injustifieAPartirDu ?? null,
      cout: controle?.cout ?? null,
      payePar: controle?.payePar ?? '',
    } as Record<string, unknown>,
    schema: ZControleForm,
    submit: (body) =>
      controle ? suiviApi.modifierControle(sinistreId, controle.id, body) : suiviApi.creerControle(sinistreId, body),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: suiviKeys.controles(sinistreId) });
      notifySuccess(`${controleMedicalTypeLabels[saved.type]} enregistrée.`);
      onDone();
    },
  });
  const { form } = controller;
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer le contrôle" onCancel={onDone}>
      <Text size="sm">
        Aucune donnée médicale n’est enregistrée ici : ni diagnostic, ni motif médical, seulement le contrôle et son
        résultat.
      </Text>
      <NativeSelect
        label="Type de contrôle"
        required
        data-autofocus
        data={[{ value: '', label: 'Choisir…' }, ...options(CONTROLE_MEDICAL_TYPES, controleMedicalTypeLabels)]}
        {...form.getInputProps('type')}
      />
      <NativeSelect
        label="Demandé par"
        required
        data={[{ value: '', label: 'Choisir…' }, ...options(CONTROLE_MEDICAL_PARTIES, controleMedicalPartieLabels)]}
        {...form.getInputProps('demandeur')}
      />
      <TextInput label="Médecin agréé ou conseil médical" required maxLength={200} {...form.getInputProps('medecin')} />
      <FrenchDateInput
        label="Date du contrôle"
        description="Au format JJ/MM/AAAA."
        required
        {...form.getInputProps('date')}
      />
      <NativeSelect
        label="Résultat"
        description="Facultatif tant que le contrôle n’a pas eu lieu."
        data={[
          { value: '', label: 'Pas encore connu' },
          ...options(CONTROLE_MEDICAL_RESULTATS, controleMedicalResultatLabels),
        ]}
        {...form.getInputProps('resultat')}
      />
      {form.values.resultat === 'non_justifie' && (
        <FrenchDateInput
          label="Arrêt non justifié à partir du"
          description="Au format JJ/MM/AAAA. La période remboursable s’arrête la veille."
          required
          {...form.getInputProps('injustifieAPartirDu')}
        />
      )}
      <MoneyInput label="Coût du contrôle" description="En euros." required {...form.getInputProps('cout')} />
      <NativeSelect
        label="Payé par"
        required
        data={[{ value: '', label: 'Choisir…' }, ...options(CONTROLE_MEDICAL_PARTIES, controleMedicalPartieLabels)]}
        {...form.getInputProps('payePar')}
      />
    </ApiForm>
  );
}

type Dialog = { kind: 'form'; controle: TControleMedicalVue | null };

/** Contre-visites, expertises and conseils médicaux of a file, for the back office. */
export function ControlesMedicauxSection({ sinistreId }: { sinistreId: string }) {
  const query = useControlesMedicaux(sinistreId);
  const dialogs = useDialog<Dialog>();
  const editing = dialogs.of('form')?.controle ?? null;

  return (
    <Section
      title="Contrôles médicaux"
      id="controles-medicaux"
      actions={<Button onClick={() => dialogs.show({ kind: 'form', controle: null })}>Ajouter un contrôle</Button>}
    >
      {query.isPending && <Loader aria-label="Chargement des contrôles médicaux" />}
      {query.isError && <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>}
      {query.data && (
        <Stack gap="md">
          {(query.data.periodes ?? []).map((p) => (
            <Alert key={p.debut} color={p.interrompue ? 'orange' : 'blue'} title="Période remboursable">
              <Text>{p.message}</Text>
              {p.alertes.map((a) => (
                <Text key={a} fw={500}>
                  {a}
                </Text>
              ))}
            </Alert>
          ))}
          {query.data.items.length === 0 ? (
            <Text>Aucun contrôle médical pour ce sinistre.</Text>
          ) : (
            <ScrollTable caption="Contrôles médicaux du sinistre" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Contrôle</Table.Th>
                  <Table.Th scope="col">Demandé par</Table.Th>
                  <Table.Th scope="col">Médecin</Table.Th>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Résultat</Table.Th>
                  <Table.Th scope="col">Coût</Table.Th>
                  <Table.Th scope="col">Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {query.data.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Th scope="row" fw={500}>
                      {controleMedicalTypeLabels[c.type]} <Badge variant="light">{statutLabels[c.statut]}</Badge>
                    </Table.Th>
                    <Table.Td>
                      {controleMedicalPartieLabels[c.demandeur]}
                      <Text size="xs">{c.demandePar}</Text>
                    </Table.Td>
                    <Table.Td>{c.medecin ?? '—'}</Table.Td>
                    <Table.Td>{c.date ? formatDate(c.date) : '—'}</Table.Td>
                    <Table.Td>
                      {c.resultat
                        ? c.resultat === 'non_justifie' && c.injustifieAPartirDu
                          ? `Non justifié à partir du ${formatDate(c.injustifieAPartirDu)}`
                          : controleMedicalResultatLabels[c.resultat]
                        : '—'}
                    </Table.Td>
                    <Table.Td>
                      {c.cout === null
                        ? '—'
                        : `${formatEuros(c.cout)}${c.payePar ? ` (${controleMedicalPartieLabels[c.payePar]})` : ''}`}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        aria-label={`${c.statut === 'demande' ? 'Planifier' : 'Modifier'} : ${controleMedicalTypeLabels[c.type]}${c.date ? ` du ${formatDate(c.date)}` : ''}`}
                        onClick={() => dialogs.show({ kind: 'form', controle: c })}
                      >
                        {c.statut === 'demande' ? 'Planifier' : 'Modifier'}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          )}
        </Stack>
      )}
      <FormModal
        opened={dialogs.isOpen('form')}
        onClose={dialogs.close}
        title={
          editing
            ? `${controleMedicalTypeLabels[editing.type]} : planifier ou enregistrer le résultat`
            : 'Nouveau contrôle médical'
        }
      >
        {dialogs.isOpen('form') && (
          <ControleForm
            key={editing?.id ?? 'nouveau'}
            sinistreId={sinistreId}
            controle={editing}
            onDone={dialogs.close}
          />
        )}
      </FormModal>
    </Section>
  );
}
