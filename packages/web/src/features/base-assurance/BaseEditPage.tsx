import { Alert, Anchor, Text } from '@mantine/core';
import type { TBase, TContrat } from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiForm } from '../../components/ApiForm';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { errorMessage } from '../../lib/api';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { useContrat } from '../contrats/api';
import { BASES_ENDPOINT, BASES_PATH, BUDGETS_ENDPOINT, basesApi, useBase } from './api';
import { BaseAmountsFields, CotisationEstimate } from './BaseAmountsFields';
import { type AmountValues, baseName, CONFIRM_WARNING, updateSchema } from './baseForm';

function EditForm({ base, contrat }: { base: TBase; contrat: TContrat }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const initialValues: AmountValues = {
    effectif: base.effectif,
    tbi: base.tbi,
    nbi: base.nbi,
    sft: base.sft,
    ir: base.ir,
    riMontant: base.riMontant,
    riPct: base.riPct,
    cpMontant: base.cpMontant,
    cpPct: base.cpPct,
  };
  const controller = useApiForm({
    draft: 'base',
    initialValues,
    schema: updateSchema(() => contrat.elementsAssurables),
    submit: (values) => basesApi.update(base.id, values),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: [BASES_ENDPOINT] });
      void queryClient.invalidateQueries({ queryKey: [BUDGETS_ENDPOINT] });
      notifySuccess(`Les modifications de ${baseName(saved)} sont enregistrées.`);
      navigate(BASES_PATH);
    },
  });
  const { form } = controller;
  return (
    <ApiForm
      controller={controller}
      submitLabel="Enregistrer les modifications"
      onCancel={() => navigate(BASES_PATH)}
      withRequiredNote
    >
      <BaseAmountsFields form={form} allowed={contrat.elementsAssurables} />
      {/* The rate is the one recorded with the base, as the server recomputes it. */}
      <CotisationEstimate values={form.getValues()} tauxCotisation={base.tauxCotisation} />
      <Alert role="note" color="orange" variant="light">
        {CONFIRM_WARNING}
      </Alert>
    </ApiForm>
  );
}

/** The amounts of a base, on the day it was declared (afterwards only the gestionnaire may change them). */
export function BaseEditPage() {
  const { id } = useParams();
  const base = useBase(id);
  const contrat = useContrat(base.data?.contratId);
  const error = base.error ?? contrat.error;
  return (
    <Page
      title={base.data ? `Modifier ${baseName(base.data)}` : 'Modifier une base de l’assurance'}
      crumbs={[{ label: 'Espace contractuel' }, { label: 'Base de l’assurance', to: BASES_PATH }]}
    >
      {(base.isPending || (base.data && contrat.isPending)) && !error && <FullPageLoader />}
      {error && <ProblemAlert>{errorMessage(error)}</ProblemAlert>}
      {base.data && !base.data.modifiable && (
        <Text>
          Cette base ne peut plus être modifiée : une base se modifie le jour de sa création seulement. Contactez votre
          gestionnaire.{' '}
          <Anchor component={Link} to={BASES_PATH}>
            Revenir à la liste des bases
          </Anchor>
        </Text>
      )}
      {base.data?.modifiable && contrat.data && <EditForm base={base.data} contrat={contrat.data} />}
    </Page>
  );
}
