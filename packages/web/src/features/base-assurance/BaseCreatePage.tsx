import { Alert, NativeSelect, Radio, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  assietteAssuree,
  cotisation,
  type TBase,
  type TElementBase,
  TYPES_BASE,
  typeBaseLabels,
} from '@statutis/domain';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiForm } from '../../components/ApiForm';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { errorMessage } from '../../lib/api';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { type ContratResume, useContrat, useContrats } from '../contrats/api';
import { yearsCovered } from '../contrats/format';
import { BASES_ENDPOINT, BASES_PATH, BUDGETS_ENDPOINT, basesApi } from './api';
import { BaseAmountsFields, CotisationEstimate } from './BaseAmountsFields';
import { BaseSummary } from './BaseSummary';
import {
  amountsOf,
  CONFIRM_WARNING,
  type CreateValues,
  createSchema,
  emptyAmounts,
  useClearUninsurable,
} from './baseForm';

function CreateForm({ contrats }: { contrats: ContratResume[] }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const [step, setStep] = useState<'saisie' | 'recapitulatif'>('saisie');
  const recapTitle = useRef<HTMLHeadingElement>(null);
  const fields = useRef<HTMLDivElement>(null);
  const allowed = useRef<readonly TElementBase[]>([]);

  const preset = contrats.find((c) => c.id === params.get('contrat'));
  const initialValues: CreateValues = {
    contratId: preset?.id ?? (contrats.length === 1 ? (contrats[0]?.id ?? '') : ''),
    annee: Number(params.get('annee')) || dayjs().year(),
    type: 'previsionnelle',
    ...emptyAmounts,
  };

  const controller = useApiForm({
    draft: 'base',
    initialValues,
    schema: createSchema(() => allowed.current),
    // « Valider » shows the summary; « Confirmer la déclaration » sends it (`confirming` is read when
    // the form is sent, once this render has computed it below).
    submit: async (values): Promise<TBase | null> => (confirming ? basesApi.create(values) : null),
    onSuccess: (base) => {
      if (!base) {
        setStep('recapitulatif');
        return;
      }
      void queryClient.invalidateQueries({ queryKey: [BASES_ENDPOINT] });
      void queryClient.invalidateQueries({ queryKey: [BUDGETS_ENDPOINT] });
      notifySuccess(
        `La base ${typeBaseLabels[base.type].toLowerCase()} ${base.annee} du contrat ${base.contratNumero} est enregistrée.`,
      );
      navigate(BASES_PATH);
    },
    // A refusal (base already declared…) is shown beside the fields, to correct them.
    onError: () => setStep('saisie'),
  });
  const { form } = controller;
  const values = form.getValues();
  const contrat = useContrat(values.contratId || null);
  allowed.current = contrat.data?.elementsAssurables ?? [];
  useClearUninsurable(form, contrat.data?.elementsAssurables);

  // The years of the chosen contract, or of any contract until one is chosen.
  const years = yearsCovered(contrat.data ? [contrat.data] : contrats);
  // A year outside the chosen contract would be refused: take the nearest one it covers.
  const [last, first] = [years[0], years.at(-1)];
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the years offered change, not on each keystroke
  useEffect(() => {
    if (first === undefined || last === undefined) return;
    const { annee } = form.getValues();
    if (annee < first || annee > last) form.setFieldValue('annee', Math.min(Math.max(annee, first), last));
  }, [first, last]);

  useEffect(() => {
    if (step === 'recapitulatif') recapTitle.current?.focus();
  }, [step]);

  const amounts = amountsOf(values);
  // What « Confirmer la déclaration » sends, as the summary shows it; null while something is missing.
  const summary =
    contrat.data && amounts && values.effectif !== null
      ? {
          ...values,
          ...amounts,
          effectif: values.effectif,
          contratNumero: contrat.data.numero,
          tauxCotisation: contrat.data.tauxCotisation,
          assiette: assietteAssuree(amounts),
          cotisation: cotisation(amounts, contrat.data.tauxCotisation),
        }
      : null;
  const confirming = step === 'recapitulatif' && summary !== null;

  if (confirming) {
    return (
      <ApiForm
        controller={controller}
        submitLabel="Confirmer la déclaration"
        cancelLabel="Modifier la saisie"
        onCancel={() => {
          setStep('saisie');
          requestAnimationFrame(() => fields.current?.querySelector<HTMLElement>('select, input')?.focus());
        }}
      >
        <Title order={2} size="h3" ref={recapTitle} tabIndex={-1}>
          Récapitulatif de la déclaration
        </Title>
        <BaseSummary caption="Récapitulatif de la déclaration" base={summary} />
        <Alert
          role="note"
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden="true" />}
          title="Avant de confirmer"
        >
          {CONFIRM_WARNING}
        </Alert>
      </ApiForm>
    );
  }

  return (
    <ApiForm controller={controller} submitLabel="Valider" onCancel={() => navigate(BASES_PATH)} withRequiredNote>
      <Stack gap="md" ref={fields}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label="Contrat"
            required
            data={[
              { value: '', label: 'Choisissez un contrat', disabled: true },
              ...contrats.map((c) => ({ value: c.id, label: `${c.numero} — ${c.libelle}` })),
            ]}
            {...form.getInputProps('contratId')}
          />
          <NativeSelect
            label="Année"
            required
            data={years.map((y) => String(y))}
            value={String(values.annee)}
            onChange={(event) => form.setFieldValue('annee', Number(event.currentTarget.value))}
            error={form.errors.annee}
          />
        </SimpleGrid>
        <Radio.Group
          label="Type"
          description="Prévisionnelle : les montants prévus pour l’année. Réelle : les montants versés, une fois l’année close."
          required
          {...form.getInputProps('type')}
        >
          <Stack gap="xs" mt="xs">
            {TYPES_BASE.map((t) => (
              <Radio key={t} value={t} label={typeBaseLabels[t]} />
            ))}
          </Stack>
        </Radio.Group>
        {contrat.isError && <ProblemAlert>{errorMessage(contrat.error)}</ProblemAlert>}
        {values.contratId ? (
          <BaseAmountsFields form={form} allowed={contrat.data?.elementsAssurables ?? []} />
        ) : (
          <Text>Choisissez le contrat : les éléments de rémunération qu’il assure s’afficheront.</Text>
        )}
        <CotisationEstimate values={values} tauxCotisation={contrat.data?.tauxCotisation} />
      </Stack>
    </ApiForm>
  );
}

/** Espace contractuel › Base de l’assurance › « + Ajouter »: the amounts, the live estimate, then a confirmation. */
export function BaseCreatePage() {
  const contrats = useContrats();
  return (
    <Page
      title="Déclarer une base de l’assurance"
      crumbs={[{ label: 'Espace contractuel' }, { label: 'Base de l’assurance', to: BASES_PATH }]}
      intro="Une base prévisionnelle et une base réelle par contrat et par année. Saisissez les montants annuels ; la cotisation estimée se calcule pendant la saisie."
    >
      {contrats.isPending && <FullPageLoader />}
      {contrats.isError && <ProblemAlert>{errorMessage(contrats.error)}</ProblemAlert>}
      {contrats.data?.length === 0 && (
        <Text>Votre collectivité n’adhère à aucun contrat : aucune base ne peut être déclarée.</Text>
      )}
      {contrats.data && contrats.data.length > 0 && <CreateForm contrats={contrats.data} />}
    </Page>
  );
}
