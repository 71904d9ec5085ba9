import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Checkbox,
  NativeSelect,
  SimpleGrid,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import {
  ARRET_TYPES,
  addDays,
  daysBetween,
  formatDate,
  formatEuros,
  isIsoDate,
  QUOTITES_TPT,
  type TArretType,
  type TSinistreDetail,
  ZArretCreate,
  ZSalaire,
} from '@statutis/domain';
import { IconAlertTriangle, IconPencil, IconPlus } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { ApiForm } from '../../components/ApiForm';
import { FormModal } from '../../components/FormModal';
import { FrenchDateInput } from '../../components/FrenchDateInput';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { ApiError } from '../../lib/api';
import { plural } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { useDialog } from '../../lib/useDialog';
import { afterChange, sinistresApi } from './api';
import { arretTypeLabels } from './labels';
import { emptySalaire, SalaireFields, type SalaireValues, salaireValues } from './SalaireFields';

type Arret = TSinistreDetail['arrets'][number];

const periode = (a: Pick<Arret, 'debut' | 'fin'>) => `du ${formatDate(a.debut)} au ${formatDate(a.fin)}`;

/** The last arrêt of the sinistre (the one ending last). */
export function dernierArret(arrets: readonly Arret[]): Arret | undefined {
  return [...arrets].sort((a, b) => a.fin.localeCompare(b.fin)).at(-1);
}

function salaireResume(a: Arret): string {
  const total = Object.values(a.salaire).reduce<number>((sum, v) => sum + (v ?? 0), 0);
  return total > 0 ? `${formatEuros(total)} par mois` : 'Non saisi';
}

/** The arrêts of the sinistre, « Ajouter un arrêt » and the salary of each period. */
export function ArretsSection({ sinistre, canWrite }: { sinistre: TSinistreDetail; canWrite: boolean }) {
  const dialogs = useDialog<{ kind: 'add' } | { kind: 'salaire'; arret: Arret }>();
  const toEdit = dialogs.of('salaire')?.arret;
  const arrets = [...sinistre.arrets].sort((a, b) => a.debut.localeCompare(b.debut));

  return (
    <Section
      title="Arrêts de travail"
      id="arrets"
      actions={
        canWrite && (
          <Button leftSection={<IconPlus size={18} aria-hidden="true" />} onClick={() => dialogs.show({ kind: 'add' })}>
            Ajouter un arrêt
          </Button>
        )
      }
    >
      <Text size="sm">
        Une prolongation commence le lendemain de la fin de l’arrêt précédent. Une rechute est un nouvel arrêt, non
        consécutif, du même sinistre
        {sinistre.categorie === 'maladie_ordinaire' ? ' ; elle n’existe pas pour la maladie ordinaire' : ''}.
      </Text>
      {arrets.length === 0 ? (
        <Text>Aucun arrêt de travail n’est déclaré pour ce sinistre.</Text>
      ) : (
        <ScrollTable caption={`Arrêts du sinistre n° ${sinistre.numero}`} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Type</Table.Th>
              <Table.Th scope="col">Début</Table.Th>
              <Table.Th scope="col">Fin</Table.Th>
              <Table.Th scope="col">Jours</Table.Th>
              <Table.Th scope="col">Reprise</Table.Th>
              {sinistre.categorie === 'tpt' && <Table.Th scope="col">Quotité</Table.Th>}
              <Table.Th scope="col">Salaire</Table.Th>
              <Table.Th scope="col">Délai</Table.Th>
              {canWrite && <Table.Th scope="col">Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {arrets.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Th scope="row" fw={500}>
                  {arretTypeLabels[a.type]}
                </Table.Th>
                <Table.Td>{formatDate(a.debut)}</Table.Td>
                <Table.Td>
                  {formatDate(a.fin)}
                  {a.finCertificat !== a.fin && (
                    <Text size="sm" component="span" display="block">
                      Certificat : jusqu’au {formatDate(a.finCertificat)}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{a.jours.toLocaleString('fr-FR')}</Table.Td>
                <Table.Td>{a.reprise ? formatDate(a.reprise) : '—'}</Table.Td>
                {sinistre.categorie === 'tpt' && <Table.Td>{a.quotiteTpt ? `${a.quotiteTpt} %` : '—'}</Table.Td>}
                <Table.Td>{salaireResume(a)}</Table.Td>
                <Table.Td>
                  {a.horsDelai ? (
                    <Badge variant="light" color="orange" tt="none" size="md" miw="max-content">
                      Hors délai
                    </Badge>
                  ) : (
                    'Dans les délais'
                  )}
                </Table.Td>
                {canWrite && (
                  <Table.Td>
                    <Tooltip label={`Modifier le salaire de l’arrêt ${periode(a)}`}>
                      <ActionIcon
                        variant="subtle"
                        size="lg"
                        aria-label={`Modifier le salaire de l’arrêt ${periode(a)}`}
                        onClick={() => dialogs.show({ kind: 'salaire', arret: a })}
                      >
                        <IconPencil size={20} aria-hidden="true" />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      <FormModal opened={dialogs.isOpen('add')} onClose={dialogs.close} title="Ajouter un arrêt de travail" size="xl">
        <ArretForm sinistre={sinistre} onDone={dialogs.close} />
      </FormModal>
      <FormModal
        opened={dialogs.isOpen('salaire')}
        onClose={dialogs.close}
        title={toEdit ? `Salaire de l’arrêt ${periode(toEdit)}` : 'Salaire de l’arrêt'}
        size="xl"
      >
        {toEdit && <SalaireForm key={toEdit.id} sinistre={sinistre} arret={toEdit} onDone={dialogs.close} />}
      </FormModal>
    </Section>
  );
}

type ArretValues = {
  type: TArretType | '';
  debut: string | null;
  fin: string | null;
  reprise: string | null;
  quotiteTpt: number | null;
  salaire: SalaireValues;
  certificatRecuLe: string | null;
  grossesse: boolean;
  ald: boolean;
};

function typesPossibles(sinistre: TSinistreDetail): TArretType[] {
  if (sinistre.arrets.length === 0) return ['initial'];
  return ARRET_TYPES.filter((t) => t !== 'initial' && !(t === 'rechute' && sinistre.categorie === 'maladie_ordinaire'));
}

function ArretForm({ sinistre, onDone }: { sinistre: TSinistreDetail; onDone: () => void }) {
  const queryClient = useQueryClient();
  const precedent = dernierArret(sinistre.arrets);
  const types = typesPossibles(sinistre);
  const tpt = sinistre.categorie === 'tpt';
  const schema = ZArretCreate.superRefine((a, ctx) => {
    if (tpt && a.quotiteTpt == null)
      ctx.addIssue({ code: 'custom', path: ['quotiteTpt'], message: 'Quotité : choisissez 50, 60, 70, 80 ou 90 %.' });
  });
  // A reprise typed inside the period ends the arrêt the day before: the server describes that change,
  // shown here; submitting again the same dates confirms it.
  const [aConfirmer, setAConfirmer] = useState<{ key: string; message: string } | null>(null);
  const keyOf = (a: { debut: string; fin: string; reprise?: string | null }) =>
    `${a.debut}/${a.fin}/${a.reprise ?? ''}`;
  const controller = useApiForm({
    initialValues: {
      type: types[0] ?? '',
      debut: precedent ? addDays(precedent.fin, 1) : sinistre.dateSurvenance,
      fin: null,
      reprise: null,
      quotiteTpt: null,
      // The previous period's salary is usually the same: it is proposed again.
      salaire: precedent ? salaireValues(precedent) : emptySalaire(),
      certificatRecuLe: null,
      grossesse: false,
      ald: false,
    } as ArretValues,
    schema,
    submit: async (body: z.output<typeof ZArretCreate>) => {
      const confirme = aConfirmer?.key === keyOf(body);
      try {
        return await sinistresApi.addArret(sinistre.id, { ...body, confirmerReprise: confirme });
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'reprise_a_confirmer')) throw error;
        setAConfirmer({ key: keyOf(body), message: error.detail });
        return null;
      }
    },
    onSuccess: async (saved, body) => {
      if (!saved) return;
      await afterChange(queryClient, saved);
      notifySuccess(
        `${arretTypeLabels[body.type]} du ${formatDate(body.debut)} au ${formatDate(body.fin)} enregistré${body.type === 'initial' ? '' : 'e'}. Déposez ses pièces justificatives.`,
      );
      onDone();
    },
  });
  const { form } = controller;
  const v = form.getValues();
  const confirmation =
    aConfirmer && v.debut && v.fin && aConfirmer.key === keyOf({ debut: v.debut, fin: v.fin, reprise: v.reprise })
      ? aConfirmer.message
      : null;
  const duree =
    v.debut && v.fin && isIsoDate(v.debut) && isIsoDate(v.fin) && v.fin >= v.debut
      ? `Durée : ${plural(daysBetween(v.debut, v.fin) + 1, 'jour')}.`
      : 'Au format JJ/MM/AAAA.';

  return (
    <ApiForm
      controller={controller}
      submitLabel={confirmation ? 'Confirmer et ajouter l’arrêt' : 'Ajouter l’arrêt'}
      onCancel={onDone}
      withRequiredNote
    >
      {precedent && (
        <Text size="sm">
          Arrêt précédent : {arretTypeLabels[precedent.type].toLowerCase()} {periode(precedent)}. Une prolongation
          commence donc le {formatDate(addDays(precedent.fin, 1))}.
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label="Type d’arrêt"
          required
          data={types.map((t) => ({ value: t, label: arretTypeLabels[t] }))}
          {...form.getInputProps('type')}
          onChange={(event) => {
            const type = event.currentTarget.value as TArretType;
            form.setFieldValue('type', type);
            if (type === 'prolongation' && precedent) form.setFieldValue('debut', addDays(precedent.fin, 1));
          }}
        />
        {tpt && (
          <NativeSelect
            label="Quotité de temps partiel thérapeutique"
            required
            data={[
              { value: '', label: 'Choisir…' },
              ...QUOTITES_TPT.map((q) => ({ value: String(q), label: `${q} %` })),
            ]}
            value={v.quotiteTpt == null ? '' : String(v.quotiteTpt)}
            onChange={(event) =>
              form.setFieldValue('quotiteTpt', event.currentTarget.value ? Number(event.currentTarget.value) : null)
            }
            error={form.errors.quotiteTpt}
          />
        )}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <FrenchDateInput
          label="Début de l’arrêt"
          description="Au format JJ/MM/AAAA."
          required
          {...form.getInputProps('debut')}
        />
        <FrenchDateInput label="Fin de l’arrêt" description={duree} required {...form.getInputProps('fin')} />
        <FrenchDateInput
          label="Date de reprise du travail"
          description="Facultatif : si l’agent a déjà repris, au format JJ/MM/AAAA."
          clearable
          clearButtonProps={{ 'aria-label': 'Effacer la date de reprise' }}
          {...form.getInputProps('reprise')}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <FrenchDateInput
          label="Certificat reçu le"
          description="Facultatif : le jour où l’agent vous l’a remis. Au-delà de 2 jours après le début, l’envoi est tardif."
          clearable
          clearButtonProps={{ 'aria-label': 'Effacer la date de réception du certificat' }}
          {...form.getInputProps('certificatRecuLe')}
        />
        <Checkbox
          mt="lg"
          label="Arrêt lié à une grossesse"
          description="Pas de jour de carence."
          {...form.getInputProps('grossesse', { type: 'checkbox' })}
        />
        <Checkbox
          mt="lg"
          label="Affection de longue durée (ALD)"
          description="Un seul jour de carence par période de 3 ans."
          {...form.getInputProps('ald', { type: 'checkbox' })}
        />
      </SimpleGrid>
      <SalaireFields form={form} prefix="salaire" assures={sinistre.elementsAssures} />
      {confirmation && (
        <Alert
          role="alert"
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden="true" />}
          title="La reprise raccourcit l’arrêt"
        >
          {confirmation} Confirmez pour ajouter l’arrêt ainsi, ou corrigez les dates.
        </Alert>
      )}
    </ApiForm>
  );
}

function SalaireForm({ sinistre, arret, onDone }: { sinistre: TSinistreDetail; arret: Arret; onDone: () => void }) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: salaireValues(arret),
    schema: ZSalaire,
    submit: (body: z.output<typeof ZSalaire>) => sinistresApi.saveSalaire(sinistre.id, arret.id, body),
    onSuccess: async (saved) => {
      await afterChange(queryClient, saved);
      notifySuccess(`Le salaire de l’arrêt ${periode(arret)} est enregistré.`);
      onDone();
    },
  });
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer le salaire" onCancel={onDone}>
      <SalaireFields form={controller.form} prefix="" assures={sinistre.elementsAssures} />
    </ApiForm>
  );
}
