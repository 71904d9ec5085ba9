import { Alert, Anchor, Button, Group, NativeSelect, Radio, Stack, Text, Textarea } from '@mantine/core';
import {
  categoriesAutorisees,
  checkDateSurvenance,
  de,
  formatDate,
  formatNir,
  RISQUES,
  risqueLabels,
  risquesParRegime,
  statutLabels,
  type TAgentFiche,
  type TRisque,
  type TSinistre,
  ZSinistreCreate,
  type ZSinistrePage,
} from '@statutis/domain';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { ApiForm } from '../../components/ApiForm';
import { FrenchDateInput } from '../../components/FrenchDateInput';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ApiError, api, errorMessage } from '../../lib/api';
import { fullName } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import {
  AGENTS_ENDPOINT,
  AGENTS_PATH,
  agentPath,
  agentsApi,
  completerAgentPath,
  DECLARER_SINISTRE_PATH,
  SINISTRES_ENDPOINT,
  sinistrePath,
  useAgent,
} from '../agents/api';
import { newBasePath } from '../base-assurance/api';
import { useContrat, useContrats } from '../contrats/api';

type Values = {
  agentId: string;
  categorie: TRisque | '';
  dateSurvenance: string | null;
  tiersImplique: boolean | null;
  recoursTiers: string;
  commentaire: string;
};

type TSinistrePage = z.infer<typeof ZSinistrePage>;

const TIERS_REQUIRED = 'Un tiers est impliqué : indiquez qui (nom, assureur, référence) pour le recours.';

const today = () => dayjs().format('YYYY-MM-DD');

/** The server's rules, said before sending: the date of survenance is past and after the agent's entry. */
const schemaFor = (agent: TAgentFiche) =>
  ZSinistreCreate.extend({
    categorie: z.enum(RISQUES, { error: 'Choisissez la catégorie d’absence.' }),
    tiersImplique: z.boolean({ error: 'Indiquez si un tiers est impliqué.' }),
  }).superRefine((v, ctx) => {
    if (v.tiersImplique && !v.recoursTiers)
      ctx.addIssue({ code: 'custom', path: ['recoursTiers'], message: TIERS_REQUIRED });
    for (const p of checkDateSurvenance(v.dateSurvenance, { aujourdhui: today(), dateEntree: agent.dateEntree }))
      ctx.addIssue({ code: 'custom', path: [p.field], message: p.message });
  });
type Body = z.output<ReturnType<typeof schemaFor>>;

/**
 * The agent already has a sinistre on that date: most often the same declaration sent twice. The
 * existing ones are linked; « Déclarer quand même » sends it again with the confirmation.
 */
function Doublon({
  agent,
  date,
  message,
  onConfirm,
}: {
  agent: TAgentFiche;
  date: string;
  message: string;
  onConfirm: () => Promise<void>;
}) {
  const [pending, setPending] = useState(false);
  const existants = useQuery({
    queryKey: [SINISTRES_ENDPOINT, { agentId: agent.id, du: date, au: date }],
    queryFn: ({ signal }) =>
      api.get<TSinistrePage>(SINISTRES_ENDPOINT, { query: { agentId: agent.id, du: date, au: date }, signal }),
  });
  return (
    <Alert
      role="alert"
      color="orange"
      variant="light"
      icon={<IconAlertTriangle aria-hidden="true" />}
      title="Ce sinistre est peut-être déjà déclaré"
    >
      <Stack gap="xs">
        <Text>{message}</Text>
        {existants.data?.items.map((e) => (
          <Anchor key={e.id} component={Link} to={sinistrePath(e.id)} fw={700}>
            Voir le sinistre n° {e.numero} ({risqueLabels[e.categorie]})
          </Anchor>
        ))}
        <Group>
          <Button
            variant="default"
            loading={pending}
            onClick={async () => {
              setPending(true);
              try {
                await onConfirm();
              } finally {
                setPending(false);
              }
            }}
          >
            Déclarer quand même
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/**
 * The categories this agent may declare on that date: his regime's, covered by the contract of his
 * regime in force on that date (domain §3). Without such a contract, every category of the regime
 * is offered and the server says why it refuses.
 */
function useCategories(agent: TAgentFiche, date: string | null) {
  const contrats = useContrats(agent.regime);
  const on = date ?? today();
  const list = contrats.data ?? [];
  const contrat = list.find((c) => c.dateEffet <= on && on <= c.dateFin) ?? (date ? undefined : list[0]);
  const detail = useContrat(contrat?.id);
  const garanties = detail.data?.garanties;
  const categories =
    garanties && garanties.length > 0
      ? categoriesAutorisees(agent.regime, garanties)
      : [...risquesParRegime[agent.regime]];
  return { contrat: detail.data, categories, pending: contrats.isPending || (!!contrat && detail.isPending) };
}

/** The refusals that need a step elsewhere first: complete the agent, or declare the base of the year. */
function Blocking({
  error,
  agent,
  contratId,
  annee,
}: {
  error: ApiError;
  agent: TAgentFiche;
  contratId?: string;
  annee?: number;
}) {
  return (
    <Alert
      role="alert"
      color="red"
      variant="light"
      icon={<IconAlertTriangle aria-hidden="true" />}
      title={error.code === 'agent_incomplet' ? 'Fiche agent incomplète' : 'Base de l’assurance manquante'}
    >
      <Stack gap="xs">
        <Text>{error.detail}</Text>
        {error.code === 'agent_incomplet' ? (
          <Anchor component={Link} to={completerAgentPath(agent.id)}>
            Compléter la fiche {de(fullName(agent))}
          </Anchor>
        ) : (
          <Anchor component={Link} to={newBasePath({ contratId, annee })}>
            Déclarer la base de l’assurance{annee ? ` ${annee}` : ''}
          </Anchor>
        )}
      </Stack>
    </Alert>
  );
}

function DeclarerForm({ agent }: { agent: TAgentFiche }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [blocking, setBlocking] = useState<ApiError | null>(null);
  const [doublon, setDoublon] = useState<{ body: Body; message: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const sent = useRef<Body | null>(null);
  const schema = useMemo(() => schemaFor(agent), [agent]);
  const toBody = (v: Body) => ({
    ...v,
    recoursTiers: v.tiersImplique ? v.recoursTiers || null : null,
    commentaire: v.commentaire || null,
  });
  const declared = (sinistre: TSinistre) => {
    void queryClient.invalidateQueries({ queryKey: [SINISTRES_ENDPOINT] });
    notifySuccess(
      `Le sinistre ${sinistre.numero} ${de(fullName(agent))} est déclaré (brouillon) : ajoutez maintenant l’arrêt de travail et les pièces.`,
    );
    navigate(sinistrePath(sinistre.id));
  };
  const controller = useApiForm({
    draft: 'declaration-sinistre',
    initialValues: {
      agentId: agent.id,
      categorie: '',
      dateSurvenance: null,
      tiersImplique: null,
      recoursTiers: '',
      commentaire: '',
    } as Values,
    schema,
    submit: (v) => {
      setBlocking(null);
      setDoublon(null);
      setProblem(null);
      sent.current = v;
      return agentsApi.declarerSinistre(toBody(v));
    },
    onSuccess: declared,
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'sinistre_doublon' && sent.current)
        setDoublon({ body: sent.current, message: error.detail });
      if (error instanceof ApiError && (error.code === 'agent_incomplet' || error.code === 'base_manquante')) {
        setBlocking(error);
        if (error.code === 'agent_incomplet')
          void queryClient.invalidateQueries({ queryKey: [AGENTS_ENDPOINT, agent.id] });
      }
    },
  });
  const { form } = controller;
  const values = form.getValues();
  const { contrat, categories, pending } = useCategories(agent, values.dateSurvenance);

  // A category the contract in force on the new date does not cover is unselected.
  const allowedKey = categories.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the categories offered change
  useEffect(() => {
    const current = form.getValues().categorie;
    if (!pending && current && !categories.includes(current)) form.setFieldValue('categorie', '');
  }, [allowedKey, pending]);

  return (
    <ApiForm
      controller={{ ...controller, problem: blocking || doublon ? problem : controller.problem }}
      submitLabel="Déclarer le sinistre"
      onCancel={() => navigate(agentPath(agent.id))}
      withRequiredNote
    >
      {doublon && (
        <Doublon
          agent={agent}
          date={doublon.body.dateSurvenance}
          message={doublon.message}
          onConfirm={async () => {
            try {
              declared(await agentsApi.declarerSinistre({ ...toBody(doublon.body), confirmerDoublon: true }));
            } catch (error) {
              setProblem(errorMessage(error));
            }
          }}
        />
      )}
      {blocking && (
        <Blocking
          error={blocking}
          agent={agent}
          contratId={contrat?.id}
          annee={values.dateSurvenance ? Number(values.dateSurvenance.slice(0, 4)) : undefined}
        />
      )}
      <FrenchDateInput
        label="Date de survenance"
        description="Au format JJ/MM/AAAA : le jour de l’accident ou du premier arrêt."
        required
        maw={320}
        {...form.getInputProps('dateSurvenance')}
      />
      <NativeSelect
        label="Catégorie d’absence"
        description={
          contrat
            ? `Les catégories que le contrat ${contrat.numero} couvre pour un agent ${agent.regime}.`
            : `Les catégories du régime ${agent.regime}.`
        }
        required
        data={[
          { value: '', label: 'Choisissez la catégorie', disabled: true },
          ...categories.map((r) => ({ value: r, label: risqueLabels[r] })),
        ]}
        {...form.getInputProps('categorie')}
      />
      <Radio.Group
        label="Un tiers est-il impliqué ?"
        description="Oui : l’assureur peut exercer un recours contre le tiers responsable (accident de la circulation, agression…)."
        required
        value={values.tiersImplique === null ? '' : values.tiersImplique ? 'oui' : 'non'}
        onChange={(v) => {
          form.setFieldValue('tiersImplique', v === 'oui');
          form.clearFieldError('tiersImplique');
        }}
        error={form.errors.tiersImplique}
      >
        <Group gap="lg" mt="xs">
          <Radio value="non" label="Non" />
          <Radio value="oui" label="Oui" />
        </Group>
      </Radio.Group>
      {values.tiersImplique && (
        <Textarea
          label="Recours contre tiers"
          description="Qui est le tiers : nom, assureur, numéro de contrat ou référence du constat."
          required
          autosize
          minRows={3}
          maxRows={10}
          {...form.getInputProps('recoursTiers')}
        />
      )}
      <Textarea
        label="Commentaires"
        description="Facultatif. Toute précision utile au gestionnaire."
        autosize
        minRows={3}
        maxRows={12}
        {...form.getInputProps('commentaire')}
      />
    </ApiForm>
  );
}

/** Vos déclarations › « Déclarer un sinistre » for one agent: catégorie, date, tiers, commentaires. */
export function DeclarerSinistreFormPage() {
  const { id } = useParams();
  const query = useAgent(id);
  const agent = query.data;
  return (
    <Page
      title="Déclarer un sinistre"
      crumbs={[
        { label: 'Vos déclarations' },
        { label: 'Agents', to: AGENTS_PATH },
        ...(agent ? [{ label: fullName(agent), to: agentPath(agent.id) }] : []),
      ]}
      intro={
        agent
          ? `Pour ${fullName(agent)} (NIR ${formatNir(agent.nir, agent.nirCle)}, ${agent.regime}, ${statutLabels[agent.statut].toLowerCase()}, entré le ${formatDate(agent.dateEntree)}).`
          : undefined
      }
    >
      {query.isPending && <FullPageLoader />}
      {query.isError && (
        <>
          <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>
          <Anchor component={Link} to={DECLARER_SINISTRE_PATH}>
            Choisir un autre agent
          </Anchor>
        </>
      )}
      {agent?.incomplet && (
        <Alert
          role="alert"
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden="true" />}
          title="Fiche agent incomplète"
        >
          <Stack gap="sm">
            <Text>
              La fiche {de(fullName(agent))} est incomplète (date de naissance ou temps de travail) : complétez-la avant
              de déclarer un sinistre. Les agents venus de la liste nominative doivent l’être avant leur premier
              sinistre.
            </Text>
            <Group>
              <Button component={Link} to={completerAgentPath(agent.id)}>
                Compléter la fiche {de(fullName(agent))}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {agent && !agent.incomplet && <DeclarerForm agent={agent} />}
    </Page>
  );
}
