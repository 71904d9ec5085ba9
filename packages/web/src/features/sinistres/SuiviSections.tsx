import { ActionIcon, Badge, Group, NativeSelect, Paper, Stack, Table, Text, Textarea, Tooltip } from '@mantine/core';
import {
  formatDate,
  formatDateTime,
  risqueLabels,
  type TRisque,
  type TSinistreDetail,
  ZCommentaireCreate,
  ZReprise,
  ZRequalificationCreate,
} from '@statutis/domain';
import { IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { z } from 'zod';
import { ApiForm } from '../../components/ApiForm';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FormModal } from '../../components/FormModal';
import { FrenchDateInput } from '../../components/FrenchDateInput';
import { ScrollTable } from '../../components/ScrollTable';
import { Section } from '../../components/Section';
import { ApiError } from '../../lib/api';
import { formatDay } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { useApiForm } from '../../lib/useApiForm';
import { dernierArret } from './ArretsSection';
import { afterChange, afterPieces, sinistresApi } from './api';
import { requalificationStatutLabels } from './labels';
import { PieceUploadForm } from './PieceUploadForm';

const CONTINUE =
  'Les paiements en cours (frais médicaux, par exemple) ne sont pas interrompus par la clôture. Une nouvelle prolongation ou une rechute rouvre le sinistre.';

/** Reprise du travail: Ouvert → Clos (the payments in progress go on). */
export function RepriseSection({ sinistre, canWrite }: { sinistre: TSinistreDetail; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const dernier = dernierArret(sinistre.arrets);
  // A reprise inside the last arrêt shortens it: the server describes the change, the user confirms.
  const [aConfirmer, setAConfirmer] = useState<{ date: string; message: string } | null>(null);
  const done = async (saved: TSinistreDetail, date: string) => {
    await afterChange(queryClient, saved);
    notifySuccess(
      saved.statut === 'clos'
        ? `La reprise du ${formatDate(date)} est enregistrée : le sinistre n° ${saved.numero} est clos.`
        : `La reprise du ${formatDate(date)} est enregistrée.`,
    );
  };
  const controller = useApiForm({
    initialValues: { date: dernier?.reprise ?? null },
    schema: ZReprise,
    submit: async (body: z.output<typeof ZReprise>) => {
      try {
        return await sinistresApi.reprise(sinistre.id, body);
      } catch (error) {
        if (!(error instanceof ApiError && error.code === 'reprise_a_confirmer')) throw error;
        setAConfirmer({ date: body.date, message: error.detail });
        return null;
      }
    },
    onSuccess: async (saved, body) => {
      if (saved) await done(saved, body.date);
    },
  });

  return (
    <Section title="Reprise du travail" id="reprise">
      {sinistre.statut === 'clos' ? (
        <Text>
          Le sinistre est clos
          {dernier?.reprise ? ` : l’agent a repris le travail le ${formatDate(dernier.reprise)}` : ''}. {CONTINUE}
        </Text>
      ) : dernier ? (
        <>
          <Text>
            {sinistre.statut === 'ouvert'
              ? 'Indiquez la date à laquelle l’agent a repris son activité : le sinistre sera clos.'
              : 'La date de reprise sera enregistrée sur le dernier arrêt ; le sinistre reste en brouillon tant qu’une pièce obligatoire manque.'}{' '}
            {CONTINUE}
          </Text>
          {canWrite && (
            <ApiForm controller={controller} submitLabel="Enregistrer la reprise">
              <FrenchDateInput
                label="Date de reprise du travail"
                description={`Au format JJ/MM/AAAA. Le dernier arrêt finit le ${formatDate(dernier.fin)} : une reprise plus tôt le raccourcit, ce que vous confirmerez.`}
                required
                {...controller.form.getInputProps('date')}
              />
            </ApiForm>
          )}
        </>
      ) : (
        <Text>La reprise se déclare après un arrêt de travail.</Text>
      )}
      <ConfirmModal
        opened={aConfirmer !== null}
        onClose={() => setAConfirmer(null)}
        title="La reprise raccourcit l’arrêt"
        confirmLabel="Confirmer la reprise"
        danger={false}
        onConfirm={async () => {
          if (!aConfirmer) return;
          const saved = await sinistresApi.reprise(sinistre.id, { date: aConfirmer.date, confirmer: true });
          await done(saved, aConfirmer.date);
        }}
      >
        <Text>{aConfirmer?.message}</Text>
        <Text>Confirmez-vous la reprise du travail à cette date ?</Text>
      </ConfirmModal>
    </Section>
  );
}

type Requalification = TSinistreDetail['requalifications'][number];

/** « Demande de requalification »: towards another category of the regime, with its motif and its pieces. */
export function RequalificationSection({ sinistre, canWrite }: { sinistre: TSinistreDetail; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const [pieceFor, setPieceFor] = useState<Requalification | null>(null);
  const [opened, setOpened] = useState(false);
  const choix = sinistre.categoriesRequalification.filter((c) => c !== sinistre.categorie);
  const controller = useApiForm({
    initialValues: { vers: '' as TRisque | '', motif: '' },
    schema: ZRequalificationCreate,
    submit: (body: z.output<typeof ZRequalificationCreate>) => sinistresApi.requalifier(sinistre.id, body),
    onSuccess: async (saved, body) => {
      await afterChange(queryClient, saved);
      controller.reset();
      notifySuccess(
        `La demande de requalification vers « ${risqueLabels[body.vers]} » est transmise au gestionnaire. Joignez-y les pièces qui la justifient.`,
      );
    },
  });

  return (
    <Section title="Demandes de requalification" id="requalification">
      <Text>
        Une requalification change la catégorie du sinistre (par exemple de maladie ordinaire en congé de longue
        maladie), avec effet rétroactif. Le gestionnaire l’examine au vu des pièces que vous joignez.
      </Text>
      {sinistre.requalifications.length === 0 ? (
        <Text>Aucune demande de requalification.</Text>
      ) : (
        <ScrollTable caption={`Demandes de requalification du sinistre n° ${sinistre.numero}`} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Vers</Table.Th>
              <Table.Th scope="col">Depuis</Table.Th>
              <Table.Th scope="col">Motif</Table.Th>
              <Table.Th scope="col">Demandée le</Table.Th>
              <Table.Th scope="col">Statut</Table.Th>
              {canWrite && <Table.Th scope="col">Pièces</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sinistre.requalifications.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Th scope="row" fw={500}>
                  {risqueLabels[r.vers]}
                </Table.Th>
                <Table.Td>{risqueLabels[r.de]}</Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-line' }}>{r.motif}</Table.Td>
                <Table.Td>
                  {formatDay(r.demandeLe)} par {r.demandePar}
                </Table.Td>
                <Table.Td>
                  <Badge
                    variant="light"
                    color={r.statut === 'acceptee' ? 'green' : r.statut === 'refusee' ? 'red' : 'bleu'}
                    tt="none"
                    size="md"
                    miw="max-content"
                  >
                    {requalificationStatutLabels[r.statut]}
                  </Badge>
                </Table.Td>
                {canWrite && (
                  <Table.Td>
                    {r.statut === 'demandee' && (
                      <Tooltip label={`Joindre une pièce à la demande vers « ${risqueLabels[r.vers]} »`}>
                        <ActionIcon
                          variant="subtle"
                          size="lg"
                          aria-label={`Joindre une pièce à la demande vers « ${risqueLabels[r.vers]} »`}
                          onClick={() => {
                            setPieceFor(r);
                            setOpened(true);
                          }}
                        >
                          <IconUpload size={20} aria-hidden="true" />
                        </ActionIcon>
                      </Tooltip>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
      {canWrite &&
        (choix.length === 0 ? (
          <Text>Aucune autre catégorie couverte par le contrat ne peut être demandée pour ce sinistre.</Text>
        ) : (
          <Paper withBorder p="md">
            <ApiForm controller={controller} submitLabel="Demander la requalification">
              <NativeSelect
                label="Nouvelle catégorie demandée"
                required
                data={[
                  { value: '', label: 'Choisir une catégorie…' },
                  ...choix.map((c) => ({ value: c, label: risqueLabels[c] })),
                ]}
                {...controller.form.getInputProps('vers')}
              />
              <Textarea
                label="Motif de la demande"
                required
                autosize
                minRows={3}
                maxLength={4000}
                {...controller.form.getInputProps('motif')}
              />
            </ApiForm>
          </Paper>
        ))}
      <FormModal
        opened={opened}
        onClose={() => setOpened(false)}
        title={pieceFor ? `Pièce pour la demande vers « ${risqueLabels[pieceFor.vers]} »` : 'Pièce de la demande'}
      >
        {pieceFor && (
          <PieceUploadForm
            label="Pièce justifiant la requalification"
            submitLabel="Joindre la pièce"
            onUpload={async (file, onProgress) => {
              await sinistresApi.uploadPiece(
                sinistre.id,
                {
                  code: 'requalification',
                  requalificationId: pieceFor.id,
                  libelle: `Requalification vers ${risqueLabels[pieceFor.vers]}`,
                },
                file,
                onProgress,
              );
              await afterPieces(queryClient, sinistre.id);
              notifySuccess('La pièce est jointe à la demande de requalification.');
              setOpened(false);
            }}
          />
        )}
      </FormModal>
    </Section>
  );
}

/** Comments of the collectivité and of the handlers; the handlers' unread ones are marked « Nouveau ». */
export function CommentairesSection({
  sinistre,
  canWrite,
  nouveaux,
}: {
  sinistre: TSinistreDetail;
  canWrite: boolean;
  /** Comments unread when the page was opened (the server marks them read at once). */
  nouveaux: ReadonlySet<string>;
}) {
  const queryClient = useQueryClient();
  const controller = useApiForm({
    initialValues: { texte: '' },
    schema: ZCommentaireCreate,
    submit: (body: z.output<typeof ZCommentaireCreate>) => sinistresApi.commenter(sinistre.id, body),
    onSuccess: async (saved) => {
      controller.reset();
      await afterChange(queryClient, saved);
      notifySuccess('Votre commentaire est ajouté.');
    },
  });
  const commentaires = [...sinistre.commentaires].sort((a, b) => a.creeLe.localeCompare(b.creeLe));

  return (
    <Section title="Commentaires" id="commentaires">
      {commentaires.length === 0 ? (
        <Text>Aucun commentaire pour le moment.</Text>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {commentaires.map((c) => {
            const nouveau = c.nonLu || nouveaux.has(c.id);
            return (
              <Paper
                component="li"
                key={c.id}
                withBorder
                p="sm"
                bg={nouveau ? 'green.0' : undefined}
                style={nouveau ? { borderLeft: '4px solid var(--mantine-color-green-9)' } : undefined}
              >
                <Group gap="xs" mb={4}>
                  <Text fw={700}>{c.auteur}</Text>
                  {c.gestion && (
                    <Badge variant="light" color="bleu" tt="none" size="md" miw="max-content">
                      Gestionnaire
                    </Badge>
                  )}
                  {nouveau && (
                    <Badge variant="filled" color="green.9" tt="none" size="md" miw="max-content">
                      Nouveau
                    </Badge>
                  )}
                  <Text size="sm">le {formatDateTime(c.creeLe)}</Text>
                </Group>
                <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{c.texte}</Text>
              </Paper>
            );
          })}
        </Stack>
      )}
      {canWrite && (
        <ApiForm controller={controller} submitLabel="Ajouter le commentaire">
          <Textarea
            label="Votre commentaire"
            description="Il sera lu par le gestionnaire du dossier."
            required
            autosize
            minRows={2}
            maxLength={4000}
            {...controller.form.getInputProps('texte')}
          />
        </ApiForm>
      )}
    </Section>
  );
}
