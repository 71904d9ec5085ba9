import { Alert, Anchor, Badge, Button, Group, NativeSelect, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import {
  de,
  formatDate,
  formatHours,
  formatNir,
  MOTIFS_DEPART,
  motifDepartLabels,
  nonRenseigne,
  sexeFromNir,
  statutLabels,
  type TAgentFiche,
  ZAgentUpdate,
  ZDepart,
} from '@statutis/domain';
import { IconAlertTriangle, IconDoorExit } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { z } from 'zod';
import { ApiForm } from '../../components/ApiForm';
import { DataList } from '../../components/DataList';
import { FormModal } from '../../components/FormModal';
import { FrenchDateInput } from '../../components/FrenchDateInput';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/api';
import { formatDay, fullName, plural } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { useDialog } from '../../lib/useDialog';
import { useCan } from '../auth/session';
import { AntecedentsSection } from '../remboursements/AntecedentsSection';
import {
  EMPLOI_FIELDS,
  EmploiFields,
  type EmploiValues,
  IdentiteFields,
  type IdentiteValues,
  IdentityNotes,
  identityRule,
  OPTIONAL,
} from './AgentFields';
import {
  AGENTS_ENDPOINT,
  AGENTS_PATH,
  agentsApi,
  COMPLETER_PARAM,
  declarerSinistrePath,
  SINISTRES_ENDPOINT,
  useAgent,
} from './api';
import { SINISTRES_DEFAULT_SORT, sinistreActions, sinistreColumns } from './sinistreColumns';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" fw={700}>
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

const sexeLabel = (sexe: 'M' | 'F' | null) => (sexe === 'F' ? 'Femme' : sexe === 'M' ? 'Homme' : nonRenseigne('M'));

export const tempsTravailLabel = (a: Pick<TAgentFiche, 'tempsTravail' | 'heuresHebdo'>) =>
  a.tempsTravail === 'complet'
    ? 'Temps complet'
    : a.tempsTravail === 'non_complet'
      ? `Temps non complet${a.heuresHebdo ? ` (${formatHours(a.heuresHebdo)} par semaine)` : ''}`
      : nonRenseigne('M');

function IdentiteFacts({ agent }: { agent: TAgentFiche }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" m={0}>
      <Fact label="NIR">
        {formatNir(agent.nir, agent.nirCle)}
        {agent.nirTemporaire ? ' (numéro provisoire)' : ''}
      </Fact>
      <Fact label="Nom">{agent.nom}</Fact>
      <Fact label="Nom d’usage">{agent.nomUsage ?? 'Aucun'}</Fact>
      <Fact label="Prénom">{agent.prenom}</Fact>
      <Fact label="Date de naissance">{agent.dateNaissance ? formatDate(agent.dateNaissance) : nonRenseigne('F')}</Fact>
      <Fact label="Sexe">{sexeLabel(agent.sexe ?? sexeFromNir(agent.nir))}</Fact>
    </SimpleGrid>
  );
}

function EmploiFacts({ agent }: { agent: TAgentFiche }) {
  return (
    <SimpleGrid component="dl" cols={{ base: 1, sm: 2, lg: 3 }} spacing="md" m={0}>
      <Fact label="Régime">{agent.regime}</Fact>
      <Fact label="Statut">{statutLabels[agent.statut]}</Fact>
      <Fact label="Date d’entrée">{formatDate(agent.dateEntree)}</Fact>
      <Fact label="Emploi">{agent.emploi ?? nonRenseigne('M')}</Fact>
      <Fact label="Grade">{agent.grade ?? 'Aucun'}</Fact>
      <Fact label="Temps de travail">{tempsTravailLabel(agent)}</Fact>
      <Fact label="Service">{agent.service ?? 'Aucun'}</Fact>
      {agent.dateDepart && (
        <Fact label="Départ">
          {formatDate(agent.dateDepart)}
          {agent.motifDepart
            ? ` (${motifDepartLabels[agent.motifDepart as keyof typeof motifDepartLabels] ?? agent.motifDepart})`
            : ''}
        </Fact>
      )}
    </SimpleGrid>
  );
}

function Historique({ agent }: { agent: TAgentFiche }) {
  if (agent.historique.length === 0) return <Text>Aucun changement d’emploi n’est enregistré.</Text>;
  const caption = `Historique de l’emploi ${de(fullName(agent))}`;
  return (
    <ScrollTable caption={caption} striped>
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Date d’effet</Table.Th>
          <Table.Th scope="col">Régime</Table.Th>
          <Table.Th scope="col">Statut</Table.Th>
          <Table.Th scope="col">Emploi</Table.Th>
          <Table.Th scope="col">Grade</Table.Th>
          <Table.Th scope="col">Temps de travail</Table.Th>
          <Table.Th scope="col">Service</Table.Th>
          <Table.Th scope="col">Enregistré le</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {agent.historique.map((h) => (
          <Table.Tr key={`${h.dateEffet}-${h.enregistreLe}`}>
            <Table.Th scope="row" fw={500}>
              {formatDate(h.dateEffet)}
            </Table.Th>
            <Table.Td>{h.regime}</Table.Td>
            <Table.Td>{statutLabels[h.statut]}</Table.Td>
            <Table.Td>{h.emploi ?? '—'}</Table.Td>
            <Table.Td>{h.grade ?? '—'}</Table.Td>
            <Table.Td>{tempsTravailLabel(h)}</Table.Td>
            <Table.Td>{h.service ?? '—'}</Table.Td>
            <Table.Td>{formatDay(h.enregistreLe)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </ScrollTable>
  );
}

type EditValues = IdentiteValues & EmploiValues & { dateEffet: string | null };

/** The date of effect is optional: left empty (null in the form), the server takes today. */
const editSchema = (nir: string) =>
  z.preprocess(
    (v) => (v && typeof v === 'object' ? { ...v, dateEffet: (v as EditValues).dateEffet ?? undefined } : v),
    ZAgentUpdate.superRefine((v, ctx) => identityRule({ ...v, nir }, ctx)),
  );

/** « Modifier » or « Compléter la fiche »: identity and employment; a change of employment is dated. */
function AgentEditForm({ agent, onDone }: { agent: TAgentFiche; onDone: () => void }) {
  const queryClient = useQueryClient();
  const initialValues: EditValues = {
    nom: agent.nom,
    nomUsage: agent.nomUsage ?? '',
    prenom: agent.prenom,
    dateNaissance: agent.dateNaissance,
    sexe: agent.sexe ?? sexeFromNir(agent.nir),
    regime: agent.regime,
    statut: agent.statut,
    dateEntree: agent.dateEntree,
    emploi: agent.emploi ?? '',
    grade: agent.grade ?? '',
    tempsTravail: agent.tempsTravail,
    heuresHebdo: agent.heuresHebdo,
    service: agent.service ?? '',
    dateEffet: null,
  };
  const controller = useApiForm({
    initialValues,
    schema: editSchema(agent.nir),
    submit: (body) => agentsApi.update(agent.id, body),
    onSuccess: (saved) => {
      queryClient.setQueryData([AGENTS_ENDPOINT, saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: [AGENTS_ENDPOINT] });
      notifySuccess(`La fiche ${de(fullName(saved))} est enregistrée.`);
      onDone();
    },
  });
  const { form } = controller;
  const values = form.getValues();
  const emploiChanged = EMPLOI_FIELDS.some((f) => values[f] !== initialValues[f]) && !agent.incomplet;
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer" onCancel={onDone} withRequiredNote>
      <Text size="sm">
        NIR : <strong>{formatNir(agent.nir, agent.nirCle)}</strong> (il ne se modifie pas).
      </Text>
      <Text fw={700}>Identité</Text>
      <IdentiteFields form={form} nir={agent.nir} />
      <IdentityNotes nir={agent.nir} sexe={values.sexe} dateNaissance={values.dateNaissance} />
      <Text fw={700}>Emploi</Text>
      <EmploiFields form={form} />
      {emploiChanged && (
        <FrenchDateInput
          label="Date d’effet du changement d’emploi"
          description={`${OPTIONAL} Au format JJ/MM/AAAA ; aujourd’hui si vous la laissez vide. L’emploi précédent reste dans l’historique.`}
          maw={320}
          {...form.getInputProps('dateEffet')}
        />
      )}
    </ApiForm>
  );
}

/** « Enregistrer le départ »: the date and the reason; the agent keeps his sinistres. */
function DepartForm({ agent, onDone }: { agent: TAgentFiche; onDone: () => void }) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: { dateDepart: null as string | null, motifDepart: '' },
    schema: ZDepart,
    submit: (body) => agentsApi.depart(agent.id, body),
    onSuccess: (saved) => {
      queryClient.setQueryData([AGENTS_ENDPOINT, saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: [AGENTS_ENDPOINT] });
      notifySuccess(`Le départ ${de(fullName(saved))} est enregistré (le ${formatDate(saved.dateDepart ?? '')}).`);
      onDone();
    },
  });
  const { form } = controller;
  return (
    <ApiForm controller={controller} submitLabel="Enregistrer le départ" onCancel={onDone} withRequiredNote>
      <Text>
        {fullName(agent)} gardera ses sinistres : ils restent consultables et vous pourrez encore y ajouter des arrêts
        et des pièces.
      </Text>
      <FrenchDateInput
        label="Date de départ"
        description="Au format JJ/MM/AAAA : le dernier jour dans la collectivité."
        required
        {...form.getInputProps('dateDepart')}
      />
      <NativeSelect
        label="Motif du départ"
        required
        data={[
          { value: '', label: 'Choisissez le motif', disabled: true },
          ...MOTIFS_DEPART.map((m) => ({ value: m, label: motifDepartLabels[m] })),
        ]}
        {...form.getInputProps('motifDepart')}
      />
    </ApiForm>
  );
}

/** « Fiche incomplète »: an agent of the roster waits for his birth date or working time. */
function IncompletBanner({ agent, onComplete }: { agent: TAgentFiche; onComplete?: () => void }) {
  const missing = [
    agent.dateNaissance ? null : 'la date de naissance',
    agent.sexe || sexeFromNir(agent.nir) ? null : 'le sexe',
    agent.tempsTravail ? null : 'le temps de travail',
    agent.emploi ? null : 'l’emploi',
  ].filter(Boolean);
  return (
    <Alert
      role="note"
      color="orange"
      variant="light"
      icon={<IconAlertTriangle aria-hidden="true" />}
      title="Fiche incomplète"
    >
      <Stack gap="sm">
        <Text>
          Cet agent vient sans doute de la liste nominative : il manque {missing.join(', ')}. Aucun sinistre ne peut lui
          être déclaré avant que sa fiche soit complétée.
        </Text>
        {onComplete && (
          <Group>
            <Button onClick={onComplete}>Compléter la fiche</Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

type Dialog = { kind: 'edit' } | { kind: 'depart' };

/** Vos déclarations › Agents › one agent: identity, employment and its history, départ, sinistres. */
export function AgentPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const canWrite = useCan('publicateur');
  const query = useAgent(id);
  const agent = query.data;
  const dialogs = useDialog<Dialog>();
  const [params, setParams] = useSearchParams();
  const completer = params.get(COMPLETER_PARAM) === '1';

  // The link of a refused sinistre opens the completion form once, then leaves the address clean.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once the agent is loaded
  useEffect(() => {
    if (!agent || !completer) return;
    if (canWrite) dialogs.show({ kind: 'edit' });
    setParams(
      (p) => {
        p.delete(COMPLETER_PARAM);
        return p;
      },
      { replace: true },
    );
  }, [agent?.id, completer]);

  const name = agent ? fullName(agent) : 'Agent';
  return (
    <Page
      title={name}
      crumbs={[{ label: 'Vos déclarations' }, { label: 'Agents', to: AGENTS_PATH }]}
      intro={
        agent
          ? `${agent.regime}, ${statutLabels[agent.statut].toLowerCase()}${agent.emploi ? `, ${agent.emploi}` : ''}.`
          : undefined
      }
      actions={
        agent && (
          <Group gap="sm">
            {agent.incomplet && (
              <Badge variant="light" color="orange" tt="none" size="lg">
                Fiche incomplète
              </Badge>
            )}
            {agent.dateDepart && (
              <Badge variant="light" color="gray" tt="none" size="lg">
                Parti le {formatDate(agent.dateDepart)}
              </Badge>
            )}
          </Group>
        )
      }
    >
      {query.isPending && <FullPageLoader />}
      {query.isError && (
        <>
          <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>
          <Anchor component={Link} to={AGENTS_PATH}>
            Revenir à la liste des agents
          </Anchor>
        </>
      )}
      {agent && (
        <>
          {agent.incomplet && (
            <IncompletBanner agent={agent} onComplete={canWrite ? () => dialogs.show({ kind: 'edit' }) : undefined} />
          )}
          <Section
            title="Identité"
            id="identite"
            actions={
              canWrite && (
                <Button variant="default" onClick={() => dialogs.show({ kind: 'edit' })}>
                  Modifier la fiche
                </Button>
              )
            }
          >
            <IdentiteFacts agent={agent} />
          </Section>
          <Section
            title="Emploi"
            id="emploi"
            actions={
              canWrite &&
              !agent.dateDepart && (
                <Button
                  variant="default"
                  leftSection={<IconDoorExit size={18} aria-hidden="true" />}
                  onClick={() => dialogs.show({ kind: 'depart' })}
                >
                  Enregistrer le départ
                </Button>
              )
            }
          >
            <EmploiFacts agent={agent} />
          </Section>
          <Section title="Historique de l’emploi" id="historique">
            <Text size="sm">
              Chaque changement d’emploi (régime, statut, emploi, grade, temps de travail, service) à sa date d’effet.
            </Text>
            <Historique agent={agent} />
          </Section>
          <AntecedentsSection agentId={agent.id} regime={agent.regime} canWrite={canWrite} />
          <Section title="Sinistres de l’agent" id="sinistres">
            <DataList
              endpoint={SINISTRES_ENDPOINT}
              params={{ agentId: agent.id }}
              caption={`Sinistres ${de(fullName(agent))}`}
              columns={sinistreColumns(false)}
              actions={sinistreActions(navigate)}
              rowKey={(s) => s.id}
              countLabel={(n) => plural(n, 'sinistre')}
              defaultSort={SINISTRES_DEFAULT_SORT}
              withSearch={false}
              emptyMessage="Aucun sinistre n’est déclaré pour cet agent."
              createAction={
                canWrite && (
                  <Group>
                    <Button component={Link} to={declarerSinistrePath(agent.id)}>
                      Ajouter un sinistre
                    </Button>
                  </Group>
                )
              }
            />
          </Section>

          <FormModal
            opened={dialogs.isOpen('edit')}
            onClose={dialogs.close}
            title={agent.incomplet ? `Compléter la fiche ${de(name)}` : `Modifier la fiche ${de(name)}`}
            size="xl"
          >
            <AgentEditForm agent={agent} onDone={dialogs.close} />
          </FormModal>
          <FormModal
            opened={dialogs.isOpen('depart')}
            onClose={dialogs.close}
            title={`Enregistrer le départ ${de(name)}`}
          >
            <DepartForm agent={agent} onDone={dialogs.close} />
          </FormModal>
        </>
      )}
    </Page>
  );
}
