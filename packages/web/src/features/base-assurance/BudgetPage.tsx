import { Alert, Anchor, List, NativeSelect, SimpleGrid, Table, Text } from '@mantine/core';
import { formatEuros, type TBudget, ZBudgetInput } from '@statutis/domain';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { Link, useSearchParams } from 'react-router';
import { ApiForm } from '../../components/ApiForm';
import { FullPageLoader } from '../../components/FullPageLoader';
import { MoneyInput } from '../../components/MoneyInput';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/api';
import { formatSignedEuros } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { useCan } from '../auth/session';
import { useContrats } from '../contrats/api';
import { yearsCovered } from '../contrats/format';
import { COTISATIONS_PATH } from '../cotisations/api';
import { REGLEMENTS_PATH, useRecus } from '../reglements/api';
import { BUDGETS_ENDPOINT, basesApi, newBasePath, useBudget } from './api';

const ZBudgetAmounts = ZBudgetInput.omit({ annee: true });

const labels = {
  montantCotisations: 'Budget des cotisations',
  montantAbsences: 'Budget des absences',
} as const;
const descriptions = {
  montantCotisations: 'Montant inscrit au budget pour les cotisations d’assurance statutaire, en euros.',
  montantAbsences:
    'Montant inscrit au budget pour le coût des absences (traitements maintenus aux agents absents), en euros.',
} as const;

function BudgetForm({ budget }: { budget: TBudget }) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: { montantCotisations: budget.montantCotisations, montantAbsences: budget.montantAbsences },
    schema: ZBudgetAmounts,
    submit: (values) => basesApi.saveBudget(budget.annee, values),
    onSuccess: (saved) => {
      queryClient.setQueryData([BUDGETS_ENDPOINT, saved.annee], saved);
      notifySuccess(`Le budget ${saved.annee} est enregistré.`);
    },
  });
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer le budget">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {(['montantCotisations', 'montantAbsences'] as const).map((field) => (
          <MoneyInput
            key={field}
            label={labels[field]}
            description={descriptions[field]}
            required
            {...controller.form.getInputProps(field)}
          />
        ))}
      </SimpleGrid>
    </ApiForm>
  );
}

function BudgetFigures({ budget }: { budget: TBudget }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2 }} m={0}>
      {(['montantCotisations', 'montantAbsences'] as const).map((field) => (
        <div key={field}>
          <Text component="dt" fw={700} size="sm">
            {labels[field]}
          </Text>
          <Text component="dd" m={0}>
            {formatEuros(budget[field])}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

function Comparison({ budget, canWrite }: { budget: TBudget; canWrite: boolean }) {
  const { annee, ecartCotisations } = budget;
  const verdict =
    budget.montantCotisations === 0
      ? `Aucun budget des cotisations n’est saisi pour ${annee}.`
      : ecartCotisations >= 0
        ? `Le budget couvre les cotisations estimées, avec une marge de ${formatEuros(ecartCotisations)}.`
        : `Les cotisations estimées dépassent le budget de ${formatEuros(-ecartCotisations)}.`;
  return (
    <>
      <Table withTableBorder verticalSpacing="xs">
        <caption className="visually-hidden">Cotisations {annee} : budget et estimation</caption>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">Cotisations budgétées</Table.Th>
            <Table.Td>{formatEuros(budget.montantCotisations)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Cotisations estimées d’après vos bases de l’assurance</Table.Th>
            <Table.Td>{formatEuros(budget.cotisationsEstimees)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Écart (budget − cotisations estimées)</Table.Th>
            <Table.Td>{formatSignedEuros(ecartCotisations)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text>{verdict}</Text>
      <Text size="sm">
        L’estimation retient la base réelle d’un contrat lorsqu’elle est déclarée, sinon sa base prévisionnelle.
      </Text>
      {budget.basesManquantes.length > 0 && (
        <Alert
          role="note"
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden="true" />}
          title={`Contrats sans base de l’assurance ${annee}`}
        >
          <Text mb="xs">
            Ces contrats n’ont aucune base {annee} : leur cotisation n’est pas comptée dans l’estimation, et aucun
            sinistre de {annee} ne pourra y être déclaré.
          </Text>
          <List>
            {budget.basesManquantes.map((m) => (
              <List.Item key={m.contratId}>
                {canWrite ? (
                  <Anchor component={Link} to={newBasePath({ contratId: m.contratId, annee })}>
                    Déclarer la base {annee} du contrat {m.numero}
                  </Anchor>
                ) : (
                  `Contrat ${m.numero} : base ${annee} à déclarer par un publicateur ou un administrateur`
                )}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </>
  );
}

/**
 * What the year's insurance cost and brought back: the calls issued (regularisations included), what
 * was paid on them, the reimbursements received, and the reste à charge between them.
 */
function Bilan({ budget }: { budget: TBudget }) {
  const { annee } = budget;
  const recus = useRecus(annee);
  const recu = recus.data?.montant;
  return (
    <Section title={`Cotisations appelées et remboursements ${annee}`} id="remboursements">
      {recus.isError && <ProblemAlert>{errorMessage(recus.error)}</ProblemAlert>}
      <Table withTableBorder verticalSpacing="xs">
        <caption className="visually-hidden">
          Cotisations appelées, remboursements reçus et reste à charge {annee}
        </caption>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th scope="row">
              Cotisations appelées{' '}
              <Anchor component={Link} to={`${COTISATIONS_PATH}?annee=${annee}`} fw={400}>
                (vos appels de cotisation)
              </Anchor>
            </Table.Th>
            <Table.Td>{formatEuros(budget.cotisationsAppelees)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">dont payées</Table.Th>
            <Table.Td>{formatEuros(budget.cotisationsPayees)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">
              Remboursements reçus{' '}
              <Anchor component={Link} to={`${REGLEMENTS_PATH}?du=${annee}-01-01&au=${annee}-12-31`} fw={400}>
                (vos règlements payés en {annee})
              </Anchor>
            </Table.Th>
            <Table.Td>{recu === undefined ? '…' : formatEuros(recu)}</Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Th scope="row">Reste à charge (cotisations appelées − remboursements reçus)</Table.Th>
            <Table.Td>{recu === undefined ? '…' : formatSignedEuros(budget.cotisationsAppelees - recu)}</Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
      <Text size="sm">
        Les appels comptent les régularisations et les avoirs de l’année, pas les appels annulés. Les remboursements
        sont ceux des règlements payés dans l’année, quelle que soit la période des arrêts.
      </Text>
    </Section>
  );
}

/** Espace contractuel › Budget: the year's budget beside the contributions the declared bases imply. */
export function BudgetPage() {
  const [params, setParams] = useSearchParams();
  const currentYear = dayjs().year();
  const annee = Number(params.get('annee')) || currentYear;
  const canWrite = useCan('publicateur');
  const contrats = useContrats();
  const budget = useBudget(annee);
  const years = [...new Set([annee, currentYear, ...yearsCovered(contrats.data ?? [])])].sort((a, b) => b - a);

  return (
    <Page
      title="Budget"
      crumbs={[{ label: 'Espace contractuel' }]}
      intro="Le budget de l’assurance statutaire de votre collectivité, comparé aux cotisations estimées à partir de vos bases de l’assurance."
    >
      <NativeSelect
        label="Année"
        data={years.map(String)}
        value={String(annee)}
        onChange={(event) => setParams({ annee: event.currentTarget.value })}
        w={{ base: '100%', xs: 200 }}
      />
      {budget.isPending && <FullPageLoader />}
      {budget.isError && <ProblemAlert>{errorMessage(budget.error)}</ProblemAlert>}
      {budget.data && (
        <>
          <Section title={`Budget ${annee}`}>
            {canWrite ? <BudgetForm key={annee} budget={budget.data} /> : <BudgetFigures budget={budget.data} />}
          </Section>
          <Section title="Cotisations">
            <Comparison budget={budget.data} canWrite={canWrite} />
          </Section>
          <Section title="Absences">
            <Text>
              Budget des absences {annee} : <strong>{formatEuros(budget.data.montantAbsences)}</strong>.
            </Text>
          </Section>
          <Bilan budget={budget.data} />
        </>
      )}
    </Page>
  );
}
