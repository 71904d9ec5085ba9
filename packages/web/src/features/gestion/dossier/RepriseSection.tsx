import { Badge, Button, List, NativeSelect, SimpleGrid, Stack, Text } from '@mantine/core';
import {
  FORMES_REPRISE,
  formatDate,
  formeRepriseLabels,
  QUOTITES_TPT,
  type TEtatEcheance,
  type TRepriseVue,
  ZRepriseSuivi,
} from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiForm } from '../../../components/ApiForm';
import { FormModal } from '../../../components/FormModal';
import { FrenchDateInput } from '../../../components/FrenchDateInput';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { errorMessage } from '../../../lib/api';
import { notifySuccess } from '../../../lib/notify';
import { useApiForm } from '../../../lib/useApiForm';
import { useDialog } from '../../../lib/useDialog';
import { emptyToNull, suiviApi, suiviKeys, useRepriseSuivi } from './suivi.api';

/** The quotité select gives a string; the schema wants a number or null. */
const ZRepriseForm = z.preprocess((values) => {
  const v = emptyToNull(values) as Record<string, unknown>;
  return typeof v.quotite === 'string' ? { ...v, quotite: Number(v.quotite) } : v;
}, ZRepriseSuivi);

const etatLabels: Record<TEtatEcheance, { label: string; color: string }> = {
  fait: { label: 'Fait', color: 'green' },
  a_venir: { label: 'À venir', color: 'gray' },
  a_faire: { label: 'À faire', color: 'orange' },
  en_retard: { label: 'En retard', color: 'red' },
};

function RepriseForm({ sinistreId, vue, onDone }: { sinistreId: string; vue: TRepriseVue; onDone: () => void }) {
  const queryClient = useQueryClient();
  const s = vue.suivi;
  const controller = useApiForm({
    initialValues: {
      prevueLe: s?.prevueLe ?? null,
      effectiveLe: s?.effectiveLe ?? null,
      forme: s?.forme ?? '',
      quotite: s?.quotite === null || s?.quotite === undefined ? '' : String(s.quotite),
      visiteRepriseLe: s?.visiteRepriseLe ?? null,
      suivi30FaitLe: s?.suivi30FaitLe ?? null,
      suivi90FaitLe: s?.suivi90FaitLe ?? null,
    } as Record<string, unknown>,
    schema: ZRepriseForm,
    submit: (body) => suiviApi.enregistrerReprise(sinistreId, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(suiviKeys.reprise(sinistreId), saved);
      notifySuccess('Suivi de la reprise enregistré.');
      onDone();
    },
  });
  const { form } = controller;
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer le suivi" onCancel={onDone}>
      <Text size="sm">
        Indiquez au moins la date de reprise prévue ou la date effective. Dates au format JJ/MM/AAAA.
      </Text>
      <FrenchDateInput label="Reprise prévue le" data-autofocus {...form.getInputProps('prevueLe')} />
      <FrenchDateInput label="Reprise effective le" {...form.getInputProps('effectiveLe')} />
      <NativeSelect
        label="Forme de la reprise"
        required
        data={[
          { value: '', label: 'Choisir…' },
          ...FORMES_REPRISE.map((value) => ({ value, label: formeRepriseLabels[value] })),
        ]}
        {...form.getInputProps('forme')}
      />
      {form.values.forme === 'tpt' && (
        <NativeSelect
          label="Quotité travaillée"
          required
          data={[{ value: '', label: 'Choisir…' }, ...QUOTITES_TPT.map((q) => ({ value: String(q), label: `${q} %` }))]}
          {...form.getInputProps('quotite')}
        />
      )}
      <FrenchDateInput
        label="Visite de reprise faite le"
        description="Facultatif : laissez vide tant qu’elle n’a pas eu lieu."
        {...form.getInputProps('visiteRepriseLe')}
      />
      <FrenchDateInput
        label="Suivi à 30 jours fait le"
        description="Facultatif."
        {...form.getInputProps('suivi30FaitLe')}
      />
      <FrenchDateInput
        label="Suivi à 90 jours fait le"
        description="Facultatif."
        {...form.getInputProps('suivi90FaitLe')}
      />
    </ApiForm>
  );
}

/** The return to work of a file: expected and actual date, form, visite de reprise, calls at 30 and 90 days. */
export function RepriseSection({ sinistreId }: { sinistreId: string }) {
  const query = useRepriseSuivi(sinistreId);
  const dialogs = useDialog<{ kind: 'form' }>();
  const vue = query.data;
  const s = vue?.suivi;

  return (
    <Section
      title="Suivi de la reprise"
      id="reprise-suivi"
      actions={
        vue && (
          <Button onClick={() => dialogs.show({ kind: 'form' })}>
            {s ? 'Modifier le suivi' : 'Commencer le suivi'}
          </Button>
        )
      }
    >
      {query.isPending && <Text>Chargement du suivi de la reprise…</Text>}
      {query.isError && <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>}
      {vue && !s && <Text>Aucune reprise n’est encore prévue.</Text>}
      {vue && s && (
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Text>Reprise prévue : {s.prevueLe ? formatDate(s.prevueLe) : '—'}</Text>
            <Text>Reprise effective : {s.effectiveLe ? formatDate(s.effectiveLe) : '—'}</Text>
            <Text>
              Forme : {formeRepriseLabels[s.forme]}
              {s.forme === 'tpt' && s.quotite ? ` à ${s.quotite} %` : ''}
            </Text>
            <Text>
              Visite de reprise :{' '}
              {s.visiteRepriseLe
                ? `faite le ${formatDate(s.visiteRepriseLe)}`
                : vue.visiteRequise
                  ? 'à organiser'
                  : 'non requise'}
            </Text>
          </SimpleGrid>
          {vue.echeances.length > 0 && (
            <List spacing="xs" aria-label="Échéances du suivi">
              {vue.echeances.map((e) => (
                <List.Item key={e.code}>
                  <Badge color={etatLabels[e.etat].color} variant="light" mr="xs">
                    {etatLabels[e.etat].label}
                  </Badge>
                  {e.message}
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      )}
      <FormModal opened={dialogs.isOpen('form')} onClose={dialogs.close} title="Suivi de la reprise du travail">
        {vue && dialogs.isOpen('form') && <RepriseForm sinistreId={sinistreId} vue={vue} onDone={dialogs.close} />}
      </FormModal>
    </Section>
  );
}
