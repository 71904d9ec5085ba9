import { Badge, Group, List, Paper, Stack, Table, Text, Textarea, ThemeIcon } from '@mantine/core';
import {
  formatDate,
  formatDateTime,
  niveauControleLabels,
  risqueLabels,
  type TNiveauControle,
  ZCommentaireCreate,
} from '@statutis/domain';
import { IconAlertTriangle, IconBan, IconCircleCheck } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { ApiForm } from '../../../components/ApiForm';
import { ScrollTable } from '../../../components/ScrollTable';
import { Section } from '../../../components/Section';
import { notifySuccess } from '../../../lib/notify';
import { useApiForm } from '../../../lib/useApiForm';
import { arretTypeLabels, requalificationStatutLabels } from '../../sinistres/labels';
import { dossierApi, dossierKey } from './api';
import type { DossierSectionProps } from './sections';

/** Each level has its icon AND its word: colour alone says nothing to some readers. */
const niveaux: Record<TNiveauControle, { color: string; Icon: typeof IconCircleCheck }> = {
  ok: { color: 'green.9', Icon: IconCircleCheck },
  alerte: { color: 'orange.9', Icon: IconAlertTriangle },
  bloquant: { color: 'red.9', Icon: IconBan },
};

export function NiveauBadge({ niveau }: { niveau: TNiveauControle }) {
  const { color, Icon } = niveaux[niveau];
  return (
    <Badge
      variant="light"
      color={color}
      tt="none"
      size="lg"
      miw="max-content"
      leftSection={<Icon size={16} aria-hidden="true" />}
    >
      {niveauControleLabels[niveau]}
    </Badge>
  );
}

/** The automatic checks (`controlerDossier`), read before any decision. */
export function ControlesSection({ dossier }: DossierSectionProps) {
  return (
    <Section title="Contrôles automatiques" id="controles" actions={<NiveauBadge niveau={dossier.niveau} />}>
      <Stack component="ul" gap="xs" m={0} p={0} style={{ listStyle: 'none' }}>
        {dossier.controles.map((c) => {
          const { color, Icon } = niveaux[c.niveau];
          return (
            <Group component="li" key={c.code} gap="sm" align="flex-start" wrap="nowrap">
              <ThemeIcon variant="light" color={color} size="md" aria-hidden="true">
                <Icon size={18} />
              </ThemeIcon>
              <div>
                <Text fw={700}>
                  {c.libelle} : {niveauControleLabels[c.niveau]}
                </Text>
                <Text size="sm">{c.message}</Text>
              </div>
            </Group>
          );
        })}
      </Stack>
    </Section>
  );
}

export function ArretsSection({ dossier }: DossierSectionProps) {
  return (
    <Section title="Arrêts" id="arrets">
      {dossier.arrets.length === 0 ? (
        <Text>Aucun arrêt déclaré.</Text>
      ) : (
        <ScrollTable caption={`Arrêts du sinistre n° ${dossier.sinistre.numero}`} striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Arrêt</Table.Th>
              <Table.Th scope="col">Période</Table.Th>
              <Table.Th scope="col">Jours</Table.Th>
              <Table.Th scope="col">Reçu le</Table.Th>
              <Table.Th scope="col">Reprise</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {dossier.arrets.map((a) => (
              <Table.Tr key={a.id}>
                <Table.Th scope="row" fw={500}>
                  {arretTypeLabels[a.type]}
                  {a.horsDelai ? ' (hors délai)' : ''}
                </Table.Th>
                <Table.Td>
                  du {formatDate(a.debut)} au {formatDate(a.fin)}
                </Table.Td>
                <Table.Td>{a.jours}</Table.Td>
                <Table.Td>{formatDateTime(a.declareLe)}</Table.Td>
                <Table.Td>{a.reprise ? formatDate(a.reprise) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </ScrollTable>
      )}
    </Section>
  );
}

/** The enquête with its medical details: staff read them. */
export function EnqueteSection({ dossier }: DossierSectionProps) {
  const e = dossier.enquete;
  if (!e) return null;
  return (
    <Section title="Enquête administrative" id="enquete">
      <List spacing={4}>
        <List.Item>
          Le {formatDate(e.date)} à {e.heure}, {e.lieu}
        </List.Item>
        <List.Item>Tâche : {e.tache}</List.Item>
        <List.Item>Circonstances : {e.circonstances}</List.Item>
        {e.natureLesions && <List.Item>Lésions : {e.natureLesions}</List.Item>}
        {e.doute && <List.Item>Doute de l’employeur : {e.motifDoute}</List.Item>}
      </List>
    </Section>
  );
}

export function RequalificationsSection({ dossier }: DossierSectionProps) {
  if (dossier.requalifications.length === 0) return null;
  return (
    <Section title="Demandes de requalification" id="requalifications">
      <List spacing={4}>
        {dossier.requalifications.map((r) => (
          <List.Item key={r.id}>
            De « {risqueLabels[r.de]} » vers « {risqueLabels[r.vers]} », demandée le {formatDateTime(r.demandeLe)} par{' '}
            {r.demandePar} ({requalificationStatutLabels[r.statut]}) : {r.motif}
          </List.Item>
        ))}
      </List>
    </Section>
  );
}

/** The comments of the collectivité and of the handlers; the handler writes to the collectivité. */
export function CommentairesSection({ dossier }: DossierSectionProps) {
  const queryClient = useQueryClient();
  const id = dossier.sinistre.id;
  const controller = useApiForm({
    initialValues: { texte: '' },
    schema: ZCommentaireCreate,
    submit: (body: z.output<typeof ZCommentaireCreate>) => dossierApi.commenter(id, body),
    onSuccess: async () => {
      controller.reset();
      await queryClient.invalidateQueries({ queryKey: dossierKey(id) });
      notifySuccess('Votre commentaire est envoyé à la collectivité.');
    },
  });
  return (
    <Section title="Commentaires" id="commentaires">
      {dossier.commentaires.length === 0 ? (
        <Text>Aucun commentaire pour le moment.</Text>
      ) : (
        <Stack component="ul" gap="sm" m={0} p={0} style={{ listStyle: 'none' }}>
          {dossier.commentaires.map((c) => (
            <Paper component="li" key={c.id} withBorder p="sm">
              <Group gap="xs" mb={4}>
                <Text fw={700}>{c.auteur}</Text>
                <Badge variant="light" color={c.gestion ? 'bleu' : 'gray'} tt="none" size="md" miw="max-content">
                  {c.gestion ? 'Gestionnaire' : 'Collectivité'}
                </Badge>
                <Text size="sm">le {formatDateTime(c.creeLe)}</Text>
              </Group>
              <Text style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>{c.texte}</Text>
            </Paper>
          ))}
        </Stack>
      )}
      <ApiForm controller={controller} submitLabel="Envoyer le commentaire">
        <Textarea
          label="Votre commentaire à la collectivité"
          description="La collectivité le verra signé de votre organisation et marqué comme nouveau."
          required
          autosize
          minRows={2}
          maxLength={4000}
          {...controller.form.getInputProps('texte')}
        />
      </ApiForm>
    </Section>
  );
}
