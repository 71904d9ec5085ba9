import { Button, Group, Text } from '@mantine/core';
import { formatDate, risqueLabels, type TSinistreDetail } from '@statutis/domain';
import { IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ConfirmModal } from '../../components/ConfirmModal';
import { fullName } from '../../lib/format';
import { notifySuccess } from '../../lib/notify';
import { DOCUMENTS_MANQUANTS_ENDPOINT, SINISTRES_ENDPOINT, SINISTRES_PATH, sinistreKey, sinistresApi } from './api';

/**
 * « Supprimer ce brouillon »: a sinistre declared by mistake (twice, or for the wrong agent) goes with
 * its arrêts and pieces, while the handler has not looked at it (the server says so otherwise).
 */
export function SupprimerBrouillon({ sinistre }: { sinistre: TSinistreDetail }) {
  const [opened, setOpened] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const agent = fullName({ prenom: sinistre.agentPrenom, nom: sinistre.agentNom });
  return (
    <Group justify="flex-end">
      <Button
        variant="default"
        color="red"
        leftSection={<IconTrash size={18} aria-hidden="true" />}
        onClick={() => setOpened(true)}
      >
        Supprimer ce brouillon
      </Button>
      <ConfirmModal
        opened={opened}
        onClose={() => setOpened(false)}
        title={`Supprimer le sinistre n° ${sinistre.numero} ?`}
        confirmLabel="Supprimer le sinistre"
        onConfirm={async () => {
          await sinistresApi.supprimer(sinistre.id);
          notifySuccess(`Le sinistre n° ${sinistre.numero} de ${agent} est supprimé.`);
          navigate(SINISTRES_PATH);
          // Once the page has left: its query would otherwise be asked again and answer 404.
          queryClient.removeQueries({ queryKey: sinistreKey(sinistre.id), exact: true });
          await Promise.all([
            queryClient.invalidateQueries({ queryKey: [SINISTRES_ENDPOINT] }),
            queryClient.invalidateQueries({ queryKey: [DOCUMENTS_MANQUANTS_ENDPOINT] }),
          ]);
        }}
      >
        <Text>
          Le sinistre « {risqueLabels[sinistre.categorie]} » du {formatDate(sinistre.dateSurvenance)} de {agent}, ses
          arrêts et ses pièces déposées seront supprimés. Faites-le seulement pour une déclaration faite par erreur (en
          double, ou pour un autre agent) : la suppression est définitive.
        </Text>
      </ConfirmModal>
    </Group>
  );
}
