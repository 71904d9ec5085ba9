import { Alert, Button, Group, Stack, Stepper, Text, TextInput, Title } from '@mantine/core';
import {
  checkNir,
  de,
  formatDate,
  formatNir,
  ne,
  sexeFromNir,
  statutLabels,
  type TAgent,
  ZAgentCreate,
  ZAgentEmploi,
  ZAgentIdentite,
  ZNir,
} from '@statutis/domain';
import { IconUserCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { z } from 'zod';
import { ApiForm } from '../../components/ApiForm';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { SubmitButton } from '../../components/SubmitButton';
import { ApiError, errorMessage } from '../../lib/api';
import { focusFirstInvalid, frenchFallback, issuesToErrors } from '../../lib/form';
import { fullName } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { CollectiviteSelector } from '../auth/CollectiviteSelector';
import { useSession } from '../auth/session';
import {
  EMPLOI_FIELDS,
  EmploiFields,
  type EmploiValues,
  IDENTITE_FIELDS,
  IdentiteFields,
  type IdentiteValues,
  IdentityNotes,
  identityRule,
  NirTemporaireNote,
} from './AgentFields';
import { AGENTS_ENDPOINT, AGENTS_PATH, agentPath, agentsApi } from './api';

type Values = { nir: string } & IdentiteValues & EmploiValues;

const initialValues: Values = {
  nir: '',
  nom: '',
  nomUsage: '',
  prenom: '',
  dateNaissance: null,
  sexe: null,
  regime: '',
  statut: '',
  dateEntree: null,
  emploi: '',
  grade: '',
  tempsTravail: 'complet',
  heuresHebdo: null,
  service: '',
};

const STEPS = [
  { label: 'NIR', title: 'Numéro de sécurité sociale', fields: ['nir'] as const },
  { label: 'Identité', title: 'Identité de l’agent', fields: IDENTITE_FIELDS },
  { label: 'Emploi', title: 'Emploi de l’agent', fields: EMPLOI_FIELDS },
];

/** What each step checks before the next one opens; the last step is the whole creation. */
const stepSchemas = [
  z.object({ nir: ZNir }),
  ZAgentIdentite.extend({ nir: z.string() }).superRefine(identityRule),
  ZAgentEmploi,
];
const createSchema = ZAgentCreate.superRefine(identityRule);

const stepOf = (field: string) => {
  const index = STEPS.findIndex((s) => (s.fields as readonly string[]).includes(field));
  return index === -1 ? 2 : index;
};

/** The agent who already holds the NIR: open his file rather than create a second one. */
function ExistingAgent({ agent, onOther }: { agent: TAgent; onOther: () => void }) {
  return (
    <Alert
      role="alert"
      color="blue"
      variant="light"
      icon={<IconUserCheck aria-hidden="true" />}
      title="Cet agent existe déjà dans votre collectivité"
    >
      <Stack gap="sm">
        <Text>
          {fullName(agent)}, NIR {formatNir(agent.nir, agent.nirCle)}, {agent.regime},{' '}
          {statutLabels[agent.statut].toLowerCase()}, entré le {formatDate(agent.dateEntree)}
          {agent.dateDepart ? `, parti le ${formatDate(agent.dateDepart)}` : ''}.
          {agent.incomplet ? ' Sa fiche est incomplète : complétez-la depuis sa fiche.' : ''}
        </Text>
        <Group gap="sm">
          <Button component={Link} to={agentPath(agent.id)}>
            Ouvrir la fiche {de(fullName(agent))}
          </Button>
          <Button variant="default" onClick={onOther}>
            Saisir un autre NIR
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** Vos déclarations › Agents › « Créer un agent »: NIR, identity, employment, as three steps. */
export function AgentCreatePage() {
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [active, setActive] = useState(0);
  const [existing, setExisting] = useState<TAgent | null>(null);
  const [checking, setChecking] = useState(false);
  const [stepProblem, setStepProblem] = useState<string | null>(null);
  const stepTitle = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);
  const nirInput = useRef<HTMLInputElement>(null);

  const controller = useApiForm({
    draft: 'creation-agent',
    initialValues,
    schema: createSchema,
    submit: agentsApi.create,
    onSuccess: (agent) => {
      void queryClient.invalidateQueries({ queryKey: [AGENTS_ENDPOINT] });
      notifySuccess(`La fiche ${de(fullName(agent))} est créée.`);
      navigate(agentPath(agent.id));
    },
    // A refusal about the NIR or the identity sends the user back to the step of that field.
    onError: (error) => {
      const first = error instanceof ApiError ? error.fieldErrors[0]?.field : undefined;
      if (first) {
        const step = stepOf(first.replace(/^\/?(body[./])?/, ''));
        if (step !== 2) goTo(step);
      }
    },
  });
  const { form } = controller;
  const values = form.getValues();

  // Each new step announces itself: the focus goes to its title (not on the first render).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the step changes
  useEffect(() => {
    if (!moved.current) return;
    stepTitle.current?.focus();
  }, [active]);

  function goTo(step: number) {
    moved.current = true;
    setStepProblem(null);
    setActive(step);
  }

  /** Checks the fields of the current step with its schema; true when they are valid. */
  function validateStep(step: number, container: HTMLElement | null): boolean {
    const result = stepSchemas[step]!.safeParse(form.getValues(), { error: frenchFallback });
    const fields = STEPS[step]!.fields as readonly string[];
    for (const f of fields) form.clearFieldError(f);
    if (result.success) return true;
    const errors = issuesToErrors(result.error.issues);
    for (const [field, message] of Object.entries(errors)) {
      if (fields.includes(field)) form.setFieldError(field, message);
    }
    focusFirstInvalid(container);
    return false;
  }

  async function submitNir(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const container = event.currentTarget;
    setExisting(null);
    setStepProblem(null);
    if (checking || !validateStep(0, container)) return;
    setChecking(true);
    try {
      setExisting(await agentsApi.findByNir(values.nir));
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        // A new NIR: its first digit gives the sex (a temporary number leaves it to the user).
        const sexe = sexeFromNir(values.nir);
        if (sexe) form.setFieldValue('sexe', sexe);
        goTo(1);
      } else if (error instanceof ApiError && error.status === 422) {
        form.setFieldError('nir', error.detail);
        focusFirstInvalid(container);
      } else {
        setStepProblem(errorMessage(error));
      }
    } finally {
      setChecking(false);
    }
  }

  function submitIdentite(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (validateStep(1, event.currentTarget)) goTo(2);
  }

  const nirCheck = checkNir(values.nir);
  const step = STEPS[active]!;

  return (
    <Page
      title="Créer un agent"
      crumbs={[{ label: 'Vos déclarations' }, { label: 'Agents', to: AGENTS_PATH }]}
      intro="Trois étapes : le numéro de sécurité sociale, l’identité, puis l’emploi de l’agent."
    >
      <Stepper active={active} onStepClick={goTo} allowNextStepsSelect={false} size="sm">
        {STEPS.map((s, i) => (
          <Stepper.Step
            key={s.label}
            label={s.label}
            description={`Étape ${i + 1} sur ${STEPS.length}`}
            aria-current={i === active ? 'step' : undefined}
          />
        ))}
      </Stepper>

      <Title order={2} size="h3" ref={stepTitle} tabIndex={-1}>
        Étape {active + 1} sur {STEPS.length} : {step.title}
      </Title>
      {stepProblem && <ProblemAlert>{stepProblem}</ProblemAlert>}
      {active !== 2 && controller.problem && <ProblemAlert>{controller.problem}</ProblemAlert>}

      {active === 0 && (
        <form noValidate onSubmit={(event) => void submitNir(event)}>
          <Stack gap="md">
            {session.collectivites.length > 1 && (
              <Stack gap={4} maw={420}>
                <Text size="sm">
                  Vous gérez plusieurs collectivités : l’agent sera créé dans{' '}
                  <strong>{session.current?.nom ?? 'la collectivité choisie'}</strong>. Changez-la ici avant de saisir
                  le NIR si besoin.
                </Text>
                <CollectiviteSelector label="Collectivité de l’agent" />
              </Stack>
            )}
            <TextInput
              label="NIR (numéro de sécurité sociale)"
              description="13 chiffres, sans la clé (la clé de 2 chiffres est facultative ; elle est vérifiée si vous la saisissez)."
              required
              autoComplete="off"
              inputMode="numeric"
              maw={420}
              ref={nirInput}
              {...form.getInputProps('nir')}
              onChange={(event) => {
                setExisting(null);
                form.setFieldValue('nir', event.currentTarget.value);
              }}
            />
            {nirCheck.ok && nirCheck.temporaire && <NirTemporaireNote />}
            {existing && (
              <ExistingAgent
                agent={existing}
                onOther={() => {
                  setExisting(null);
                  form.setFieldValue('nir', '');
                  requestAnimationFrame(() => nirInput.current?.focus());
                }}
              />
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" component={Link} to={AGENTS_PATH}>
                Annuler
              </Button>
              <SubmitButton pending={checking}>Continuer</SubmitButton>
            </Group>
          </Stack>
        </form>
      )}

      {active === 1 && (
        <form noValidate onSubmit={submitIdentite}>
          <Stack gap="md">
            <Text size="sm">
              NIR : <strong>{nirCheck.ok ? formatNir(nirCheck.nir, nirCheck.cle) : values.nir}</strong>. Tous les champs
              sont obligatoires, sauf ceux marqués « facultatif ».
            </Text>
            <IdentiteFields form={form} nir={values.nir} />
            <IdentityNotes nir={values.nir} sexe={values.sexe} dateNaissance={values.dateNaissance} />
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={() => goTo(0)}>
                Retour
              </Button>
              <SubmitButton pending={false}>Continuer</SubmitButton>
            </Group>
          </Stack>
        </form>
      )}

      {active === 2 && (
        <ApiForm
          controller={controller}
          submitLabel="Créer l’agent"
          cancelLabel="Retour"
          onCancel={() => goTo(1)}
          withRequiredNote
        >
          <Text size="sm">
            Agent : <strong>{fullName({ prenom: values.prenom, nom: values.nom })}</strong>
            {values.dateNaissance ? `, ${ne(values.sexe)} le ${formatDate(values.dateNaissance)}` : ''}.
          </Text>
          <EmploiFields form={form} />
        </ApiForm>
      )}
    </Page>
  );
}
