import { Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text, Textarea, TextInput, Title } from '@mantine/core';
import {
  CREANCE_POSTES,
  creancePosteLabels,
  formatDate,
  formatEuros,
  formatPct,
  PCT_SCALE,
  RECOURS_ACTION_TYPES,
  recoursActionTypeLabels,
  type TRecoursVue,
  ZRecoursActionInput,
  ZRecoursInput,
  ZRecouvrementInput,
} from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiForm } from '../../../components/ApiForm';
import { DecimalInput, type DecimalInputProps } from '../../../components/DecimalInput';
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
import { emptyToNull, suiviApi, suiviKeys, useRecours } from './suivi.api';

/** « 50 », « 66,67 % » → hundredths of a percent (5 000, 6 667). */
function parseResponsabilite(text: string): number | null {
  const match = text
    .replace(/[\s\u00a0\u202f%]/g, '')
    .replace(',', '.')
    .match(/^(\d{1,3})(?:\.(\d{1,2}))?$/);
  if (!match) return null;
  return Number(match[1]) * PCT_SCALE + Number((match[2] ?? '').padEnd(2, '0'));
}
const formatResponsabilite = (value: number) =>
  (value / PCT_SCALE).toLocaleString('fr-FR', { maximumFractionDigits: 2 });
function PourcentInput(props: Omit<DecimalInputProps, 'parse' | 'format'>) {
  return (
    <DecimalInput
      rightSection={<span aria-hidden="true">%</span>}
      {...props}
      parse={parseResponsabilite}
      format={formatResponsabilite}
    />
  );
}

function useRefresh(sinistreId: string) {
  const queryClient = useQueryClient();
  return (vue: TRecoursVue) => queryClient.setQueryData(suiviKeys.recours(sinistreId), vue);
}

function RecoursForm({ sinistreId, vue, onDone }: { sinistreId: string; vue: TRecoursVue; onDone: () => void }) {
  const refresh = useRefresh(sinistreId);
  const r = vue.recours;
  const controller = useApiForm({
    initialValues: {
      tiersNom: r?.tiersNom ?? '',
      tiersAssureur: r?.tiersAssureur ?? '',
      numeroSinistreTiers: r?.numeroSinistreTiers ?? '',
      responsabilite: r?.responsabilite ?? null,
      fraisMedicaux: r?.fraisMedicaux ?? 0,
      remunerationSaisie: r?.remunerationSaisie ?? null,
      chargesSaisies: r?.chargesSaisies ?? null,
      rembourseParAssureur: r?.rembourseParAssureur ?? 0,
      repartition: r?.repartition ?? 'prorata',
    } as Record<string, unknown>,
    schema: ZRecoursInput,
    submit: (body) => suiviApi.enregistrerRecours(sinistreId, body),
    onSuccess: (saved) => {
      refresh(saved);
      notifySuccess('Recours enregistré.');
      onDone();
    },
  });
  const { form } = controller;
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer le recours" onCancel={onDone}>
      <TextInput
        label="Tiers responsable"
        required
        maxLength={200}
        data-autofocus
        {...form.getInputProps('tiersNom')}
      />
      <TextInput
        label="Assureur du tiers"
        description="Facultatif."
        maxLength={200}
        {...form.getInputProps('tiersAssureur')}
      />
      <TextInput
        label="Référence du sinistre chez l’assureur du tiers"
        description="Facultatif."
        maxLength={100}
        {...form.getInputProps('numeroSinistreTiers')}
      />
      <PourcentInput label="Responsabilité du tiers" required {...form.getInputProps('responsabilite')} />
      <MoneyInput label="Frais médicaux" required {...form.getInputProps('fraisMedicaux')} />
      <MoneyInput
        label="Rémunération maintenue"
        description={`Facultatif : laissez vide pour reprendre le calcul sur les arrêts (${formatEuros(vue.calcul.remuneration)}).`}
        {...form.getInputProps('remunerationSaisie')}
      />
      <MoneyInput
        label="Charges patronales"
        description={`Facultatif : laissez vide pour reprendre le calcul sur les arrêts (${formatEuros(vue.calcul.chargesPatronales)}).`}
        {...form.getInputProps('chargesSaisies')}
      />
      <MoneyInput
        label="Montant remboursé par l’assureur"
        description="Ce que l’assureur a versé sur ce dossier : il est subrogé à hauteur de ce montant."
        required
        {...form.getInputProps('rembourseParAssureur')}
      />
      <NativeSelect
        label="Répartition des sommes recouvrées"
        data={[
          { value: 'prorata', label: 'Au prorata des préjudices' },
          { value: 'priorite_collectivite', label: 'Priorité à la collectivité' },
        ]}
        {...form.getInputProps('repartition')}
      />
    </ApiForm>
  );
}

const ZActionForm = z.preprocess(emptyToNull, ZRecoursActionInput);

function ActionForm({ sinistreId, onDone }: { sinistreId: string; onDone: () => void }) {
  const refresh = useRefresh(sinistreId);
  const controller = useApiForm({
    initialValues: { date: null, type: '', libelle: '', prochaineRelance: null } as Record<string, unknown>,
    schema: ZActionForm,
    submit: (body) => suiviApi.ajouterAction(sinistreId, body),
    onSuccess: (saved) => {
      refresh(saved);
      notifySuccess('Action enregistrée.');
      onDone();
    },
  });
  const { form } = controller;
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer l’action" onCancel={onDone}>
      <FrenchDateInput
        label="Date"
        description="Au format JJ/MM/AAAA."
        required
        data-autofocus
        {...form.getInputProps('date')}
      />
      <NativeSelect
        label="Type d’action"
        required
        data={[
          { value: '', label: 'Choisir…' },
          ...RECOURS_ACTION_TYPES.map((value) => ({ value, label: recoursActionTypeLabels[value] })),
        ]}
        {...form.getInputProps('type')}
      />
      <Textarea label="Objet" required autosize minRows={2} maxLength={500} {...form.getInputProps('libelle')} />
      <FrenchDateInput
        label="Prochaine relance"
        description="Facultatif, au format JJ/MM/AAAA."
        {...form.getInputProps('prochaineRelance')}
      />
    </ApiForm>
  );
}

const ZRecouvrementForm = z.preprocess(emptyToNull, ZRecouvrementInput);

function RecouvrementForm({ sinistreId, onDone }: { sinistreId: string; onDone: () => void }) {
  const refresh = useRefresh(sinistreId);
  const controller = useApiForm({
    initialValues: { date: null, montant: null, libelle: '' } as Record<string, unknown>,
    schema: ZRecouvrementForm,
    submit: (body) => suiviApi.ajouterRecouvrement(sinistreId, body),
    onSuccess: (saved) => {
      refresh(saved);
      notifySuccess('Somme recouvrée enregistrée.');
      onDone();
    },
  });
  const { form } = controller;
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer la somme" onCancel={onDone}>
      <FrenchDateInput
        label="Date d’encaissement"
        description="Au format JJ/MM/AAAA."
        required
        data-autofocus
        {...form.getInputProps('date')}
      />
      <MoneyInput label="Montant recouvré" required {...form.getInputProps('montant')} />
      <TextInput label="Observation" description="Facultatif." maxLength={500} {...form.getInputProps('libelle')} />
    </ApiForm>
  );
}

function Creance({ vue }: { vue: TRecoursVue }) {
  if (!vue.recours || !vue.creance) return null;
  const { creance, recouvre } = vue;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Créance sur le tiers ({formatPct(vue.recours.responsabilite)} de responsabilité)
      </Title>
      <ScrollTable caption="Créance sur le tiers, par poste" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Poste</Table.Th>
            <Table.Th scope="col">Préjudice</Table.Th>
            <Table.Th scope="col">Créance</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {CREANCE_POSTES.map((poste) => {
            const ligne = creance.lignes.find((l) => l.poste === poste)!;
            return (
              <Table.Tr key={poste}>
                <Table.Th scope="row">{creancePosteLabels[poste]}</Table.Th>
                <Table.Td>{formatEuros(ligne.prejudice)}</Table.Td>
                <Table.Td>{formatEuros(ligne.creance)}</Table.Td>
              </Table.Tr>
            );
          })}
          <Table.Tr>
            <Table.Th scope="row">Total</Table.Th>
            <Table.Td fw={600}>{formatEuros(creance.prejudice)}</Table.Td>
            <Table.Td fw={600}>{formatEuros(creance.creance)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </ScrollTable>
      <Text size="sm">
        Rémunération et charges calculées sur les arrêts du dossier : {formatEuros(vue.calcul.remuneration)} et{' '}
        {formatEuros(vue.calcul.chargesPatronales)} ({vue.calcul.trentiemes} trentièmes).
      </Text>
      <Text>
        Recouvré : <strong>{formatEuros(recouvre.total)}</strong>, dont {formatEuros(recouvre.assureur)} pour l’assureur
        et {formatEuros(recouvre.collectivite)} pour la collectivité.
      </Text>
    </Stack>
  );
}

type Dialog = { kind: 'recours' } | { kind: 'action' } | { kind: 'recouvrement' };

/** The recours contre tiers of a file: créance, letters and reminders, sums recovered and their split. */
export function RecoursSection({ sinistreId }: { sinistreId: string }) {
  const query = useRecours(sinistreId);
  const dialogs = useDialog<Dialog>();
  const vue = query.data;

  return (
    <Section
      title="Recours contre tiers"
      id="recours"
      actions={
        vue?.tiersImplique && (
          <Group gap="sm">
            <Button onClick={() => dialogs.show({ kind: 'recours' })}>
              {vue.recours ? 'Modifier le recours' : 'Ouvrir le recours'}
            </Button>
            {vue.recours && (
              <>
                <Button variant="default" onClick={() => dialogs.show({ kind: 'action' })}>
                  Noter un courrier ou une relance
                </Button>
                <Button variant="default" onClick={() => dialogs.show({ kind: 'recouvrement' })}>
                  Enregistrer une somme recouvrée
                </Button>
              </>
            )}
          </Group>
        )
      }
    >
      {query.isPending && <Text>Chargement du recours…</Text>}
      {query.isError && <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>}
      {vue && !vue.tiersImplique && <Text>Aucun tiers n’est impliqué dans ce sinistre : pas de recours.</Text>}
      {vue?.tiersImplique && !vue.recours && <Text>Le recours contre le tiers n’est pas encore ouvert.</Text>}
      {vue?.recours && (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Text>
              Tiers : <strong>{vue.recours.tiersNom}</strong>
            </Text>
            <Text>Assureur du tiers : {vue.recours.tiersAssureur ?? '—'}</Text>
            <Text>Référence : {vue.recours.numeroSinistreTiers ?? '—'}</Text>
          </SimpleGrid>
          <Creance vue={vue} />
          <Title order={3} size="h4">
            Courriers et relances
          </Title>
          {vue.prochaineRelance && <Text fw={500}>Prochaine relance le {formatDate(vue.prochaineRelance)}.</Text>}
          {vue.actions.length === 0 ? (
            <Text>Aucun courrier envoyé.</Text>
          ) : (
            <ScrollTable caption="Courriers et relances du recours" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Action</Table.Th>
                  <Table.Th scope="col">Objet</Table.Th>
                  <Table.Th scope="col">Relance prévue</Table.Th>
                  <Table.Th scope="col">Par</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {vue.actions.map((a) => (
                  <Table.Tr key={a.id}>
                    <Table.Th scope="row">{formatDate(a.date)}</Table.Th>
                    <Table.Td>{recoursActionTypeLabels[a.type]}</Table.Td>
                    <Table.Td>{a.libelle}</Table.Td>
                    <Table.Td>{a.prochaineRelance ? formatDate(a.prochaineRelance) : '—'}</Table.Td>
                    <Table.Td>{a.auteur}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          )}
          {vue.recouvrements.length > 0 && (
            <ScrollTable caption="Sommes recouvrées" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Montant</Table.Th>
                  <Table.Th scope="col">Observation</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {vue.recouvrements.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Th scope="row">{formatDate(r.date)}</Table.Th>
                    <Table.Td>{formatEuros(r.montant)}</Table.Td>
                    <Table.Td>{r.libelle ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </ScrollTable>
          )}
        </Stack>
      )}
      <FormModal opened={dialogs.isOpen('recours')} onClose={dialogs.close} title="Recours contre le tiers">
        {vue && dialogs.isOpen('recours') && <RecoursForm sinistreId={sinistreId} vue={vue} onDone={dialogs.close} />}
      </FormModal>
      <FormModal opened={dialogs.isOpen('action')} onClose={dialogs.close} title="Courrier, relance ou réponse">
        {dialogs.isOpen('action') && <ActionForm sinistreId={sinistreId} onDone={dialogs.close} />}
      </FormModal>
      <FormModal opened={dialogs.isOpen('recouvrement')} onClose={dialogs.close} title="Somme recouvrée">
        {dialogs.isOpen('recouvrement') && <RecouvrementForm sinistreId={sinistreId} onDone={dialogs.close} />}
      </FormModal>
    </Section>
  );
}
