import { NativeSelect, Paper, SimpleGrid, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import {
  DECISION_EXIGENCES,
  DECISION_TYPES,
  decisionLabels,
  formatDate,
  REFERENCE_NATURES,
  referenceNatureLabels,
  risqueLabels,
  type TDecision,
  type TDecisionOut,
  type TDecisionsDuSinistre,
  type TDecisionType,
  ZDecisionInput,
} from '@statutis/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { ApiForm } from '../../../components/ApiForm';
import { FrenchDateInput } from '../../../components/FrenchDateInput';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { Section } from '../../../components/Section';
import { api, errorMessage } from '../../../lib/api';
import { formatDay } from '../../../lib/format';
import { notifySuccess } from '../../../lib/notify';
import { useApiForm } from '../../../lib/useApiForm';
import { DecisionsTable } from '../../sinistres/DecisionsSinistre';

const endpoint = (sinistreId: string) => `/api/gestion/sinistres/${sinistreId}/decisions`;
export const decisionsKey = (sinistreId: string) => [endpoint(sinistreId)] as const;

type Values = {
  type: TDecisionType | '';
  motif: string;
  reference: { nature: (typeof REFERENCE_NATURES)[number]; texte: string };
  periode: { debut: string | null; fin: string | null };
  categorie: TDecision['categorie'];
};

/** An empty reference is no reference: the schema then asks for it only where the decision needs one. */
const ZForm = z.preprocess((v) => {
  const values = v as Values;
  return {
    ...values,
    type: values.type || undefined,
    reference: values.reference.texte.trim() ? values.reference : null,
  };
}, ZDecisionInput) as z.ZodType<TDecision>;

const vide = (type: Values['type'], categorie: Values['categorie'] = null): Values => ({
  type,
  motif: '',
  reference: { nature: 'contrat', texte: '' },
  periode: { debut: null, fin: null },
  categorie,
});

/** The decisions the general form records; a requalification is decided on its request. */
const TYPES_LIBRES = DECISION_TYPES.filter((t) => !t.startsWith('requalification'));
const facultatif = (exigence: string, label: string) => (exigence === 'facultatif' ? `${label} (facultatif)` : label);

function useDecisionForm(sinistreId: string, initial: Values, done: (d: TDecisionOut) => string) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: initial,
    schema: ZForm,
    submit: (body: TDecision) => api.post<TDecisionOut>(endpoint(sinistreId), body),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: decisionsKey(sinistreId) });
      controller.reset();
      notifySuccess(done(saved));
    },
  });
  return controller;
}

type Controller = ReturnType<typeof useDecisionForm>;

/** Motif, reference and period, each shown as the decision type needs it (`DECISION_EXIGENCES`). */
function DecisionFields({
  controller,
  type,
  de = '',
}: {
  controller: Controller;
  type: TDecisionType | '';
  /** Tells the fields of two forms on one page apart: « de l’acceptation », « du refus ». */
  de?: string;
}) {
  const e = type ? DECISION_EXIGENCES[type] : null;
  const form = controller.form;
  return (
    <>
      {e && e.motif !== 'exclu' && (
        <Textarea
          label={facultatif(e.motif, `Motif${de}`)}
          required={e.motif === 'requis'}
          autosize
          minRows={2}
          maxLength={4000}
          {...form.getInputProps('motif')}
        />
      )}
      {e && e.reference !== 'exclu' && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect
            label={`Nature de la référence${de}`}
            data={REFERENCE_NATURES.map((n) => ({ value: n, label: referenceNatureLabels[n] }))}
            {...form.getInputProps('reference.nature')}
          />
          <TextInput
            label={facultatif(e.reference, `Référence${de} (clause du contrat ou texte)`)}
            required={e.reference === 'requis'}
            maxLength={500}
            {...form.getInputProps('reference.texte')}
          />
        </SimpleGrid>
      )}
      {e && e.periode !== 'exclu' && type !== 'requalification_acceptee' && (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <FrenchDateInput
            label={type === 'cloture' ? 'Date de clôture' : facultatif(e.periode, 'À compter du')}
            description="Au format JJ/MM/AAAA."
            required={e.periode === 'debut' || e.periode === 'complete'}
            {...form.getInputProps('periode.debut')}
          />
          {type !== 'cloture' && (
            <FrenchDateInput
              label={e.periode === 'complete' ? 'Jusqu’au' : 'Jusqu’au (facultatif)'}
              description="Au format JJ/MM/AAAA."
              required={e.periode === 'complete'}
              {...form.getInputProps('periode.fin')}
            />
          )}
        </SimpleGrid>
      )}
    </>
  );
}

/** The pending requalification request: « Accepter à partir du … » or « Refuser », each with its letter. */
function RequalificationDecision({ data }: { data: TDecisionsDuSinistre }) {
  const demande = data.requalificationEnAttente!;
  const sinistreId = data.sinistre.id;
  const vers = risqueLabels[demande.vers];
  const accepter = useDecisionForm(
    sinistreId,
    { ...vide('requalification_acceptee', demande.vers), periode: { debut: demande.premierJour, fin: null } },
    (d) =>
      `Requalification acceptée : le sinistre n° ${data.sinistre.numero} relève de « ${vers} » à compter du ${formatDate(d.periode?.debut ?? '')}. La lettre est envoyée à la collectivité.`,
  );
  const refuser = useDecisionForm(
    sinistreId,
    vide('requalification_refusee'),
    () => `Requalification refusée : la lettre est envoyée à la collectivité.`,
  );
  const debut = accepter.form.values.periode.debut;
  return (
    <Paper withBorder p="md">
      <Stack gap="md">
        <Title order={3} size="h4">
          Demande de requalification en « {vers} »
        </Title>
        <Text>
          Demandée le {formatDay(demande.demandeLe)} par {demande.demandePar}, de « {risqueLabels[demande.de]} » en «{' '}
          {vers} ». Motif : {demande.motif}
        </Text>
        <Text size="sm">
          Acceptée, elle change la catégorie des arrêts à compter de la date choisie (l’arrêt en cours ce jour-là est
          scindé) et le remboursement du sinistre sera recalculé.
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <ApiForm
            controller={accepter}
            submitLabel={debut ? `Accepter à partir du ${formatDate(debut)}` : 'Accepter à partir du …'}
          >
            <FrenchDateInput
              label="Nouvelle catégorie à compter du"
              description="Au format JJ/MM/AAAA ; le premier jour d’arrêt requalifie tout le sinistre."
              required
              {...accepter.form.getInputProps('periode.debut')}
            />
            <DecisionFields controller={accepter} type="requalification_acceptee" de=" de l’acceptation" />
          </ApiForm>
          <ApiForm controller={refuser} submitLabel="Refuser" submitColor="red">
            <DecisionFields controller={refuser} type="requalification_refusee" de=" du refus" />
          </ApiForm>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

/** A decision other than a requalification: its type, then the fields it needs. */
function NouvelleDecision({ data }: { data: TDecisionsDuSinistre }) {
  const controller = useDecisionForm(
    data.sinistre.id,
    vide(''),
    (d) =>
      `Décision enregistrée : ${decisionLabels[d.type].toLocaleLowerCase('fr-FR')}. La lettre est envoyée à la collectivité.`,
  );
  const type = controller.form.values.type;
  return (
    <Paper withBorder p="md">
      <ApiForm controller={controller} submitLabel="Enregistrer la décision">
        <Title order={3} size="h4">
          Nouvelle décision
        </Title>
        <NativeSelect
          label="Type de décision"
          required
          data={[
            { value: '', label: 'Choisir une décision…' },
            ...TYPES_LIBRES.map((t) => ({ value: t, label: decisionLabels[t] })),
          ]}
          {...controller.form.getInputProps('type')}
        />
        <DecisionFields controller={controller} type={type} />
      </ApiForm>
    </Paper>
  );
}

/**
 * « Décisions » of the staff file page: the decisions taken, with their letters, the pending
 * requalification request to accept from a date or refuse, and the form of a new decision. Each
 * decision sends its letter to the collectivité.
 */
export function DecisionsSection({ sinistreId }: { sinistreId: string }) {
  const query = useQuery({
    queryKey: decisionsKey(sinistreId),
    queryFn: ({ signal }) => api.get<TDecisionsDuSinistre>(endpoint(sinistreId), { signal }),
  });
  const data = query.data;
  return (
    <Section title="Décisions" id="decisions">
      {query.isError && <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>}
      {data && (
        <>
          {data.decisions.length === 0 ? (
            <Text>Aucune décision n’a encore été prise sur ce sinistre.</Text>
          ) : (
            <DecisionsTable
              numero={data.sinistre.numero}
              decisions={data.decisions}
              lettrePath={(id) => `${endpoint(sinistreId)}/${id}/lettre.pdf`}
            />
          )}
          {data.sinistre.statut === 'brouillon' ? (
            <Text>La déclaration est encore en brouillon : la collectivité ne l’a pas transmise.</Text>
          ) : (
            <>
              {data.requalificationEnAttente && <RequalificationDecision data={data} />}
              <NouvelleDecision data={data} />
            </>
          )}
        </>
      )}
    </Section>
  );
}
