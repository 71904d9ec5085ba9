import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { TAFaire, TCompteBorne } from '@statutis/domain';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert';
import { api, errorMessage } from '../../lib/api';
import { DECLARER_SINISTRE_PATH } from '../agents/api';
import { DOCUMENTS_MANQUANTS_PATH, SINISTRES_PATH } from '../sinistres/api';

export const A_FAIRE_ENDPOINT = '/api/accueil/a-faire';

/** « 99+ » beyond the bound the server counts to. */
const nombre = (c: TCompteBorne) => (c.plus ? `${c.nombre}+` : c.nombre.toLocaleString('fr-FR'));
const accorde = (c: TCompteBorne, singulier: string, pluriel: string) => (c.plus || c.nombre > 1 ? pluriel : singulier);

/** « 90 jours », « 90 ou 120 jours selon la garantie ». */
function delais(jours: number[]): string {
  if (jours.length === 0) return 'le délai prévu par votre contrat';
  const liste = jours.map((j) => j.toLocaleString('fr-FR'));
  if (liste.length === 1) return `${liste[0]} jours`;
  return `${liste.slice(0, -1).join(', ')} ou ${liste.at(-1)} jours selon la garantie`;
}

interface Item {
  key: string;
  compte: TCompteBorne;
  /** What is counted, agreeing with the count. */
  libelle: string;
  /** When nothing waits. */
  aucun: string;
  description: string;
  /** The filtered list, or the sinistre itself when it is the only one. */
  to: string;
}

function itemsOf(data: TAFaire, canWrite: boolean): Item[] {
  const seul = (c: TCompteBorne, anchor: string, liste: string) =>
    c.sinistreId ? `${SINISTRES_PATH}/${c.sinistreId}${anchor}` : liste;
  return [
    {
      key: 'brouillons',
      compte: data.brouillons,
      libelle: accorde(
        data.brouillons,
        canWrite ? 'sinistre en brouillon à compléter' : 'sinistre en brouillon',
        canWrite ? 'sinistres en brouillon à compléter' : 'sinistres en brouillon',
      ),
      aucun: 'Aucun sinistre en brouillon',
      description: 'Déclarés, mais pas encore transmis au gestionnaire.',
      to: seul(data.brouillons, '', `${SINISTRES_PATH}?statut=brouillon`),
    },
    {
      key: 'pieces',
      compte: data.piecesManquantes,
      libelle: accorde(data.piecesManquantes, 'pièce justificative manquante', 'pièces justificatives manquantes'),
      aucun: 'Aucune pièce justificative manquante',
      description: 'Pièces obligatoires à déposer avant le paiement des prestations.',
      to: seul(data.piecesManquantes, '#pieces', DOCUMENTS_MANQUANTS_PATH),
    },
    {
      key: 'commentaires',
      compte: data.commentairesNonLus,
      libelle: accorde(
        data.commentairesNonLus,
        'sinistre avec un commentaire non lu du gestionnaire',
        'sinistres avec un commentaire non lu du gestionnaire',
      ),
      aucun: 'Aucun commentaire non lu du gestionnaire',
      description:
        'Le gestionnaire vous a écrit : lisez ses commentaires dans la rubrique « Commentaires » du sinistre.',
      to: seul(data.commentairesNonLus, '#commentaires', `${SINISTRES_PATH}?nonLus=oui`),
    },
    {
      key: 'retard',
      compte: data.enRetard,
      libelle: accorde(data.enRetard, 'dossier en retard', 'dossiers en retard'),
      aucun: 'Aucun dossier en retard',
      description: `En retard : un sinistre non clos dont des pièces obligatoires manquent encore plus de ${delais(data.delaisPiecesJours)} après sa déclaration (délai de transmission des justificatifs du contrat).`,
      to: seul(data.enRetard, '#pieces', `${SINISTRES_PATH}?enRetard=oui`),
    },
  ];
}

function Compte({ item }: { item: Item }) {
  const vide = item.compte.nombre === 0;
  return (
    <Paper component="li" withBorder p="md" bg={vide ? undefined : 'orange.0'}>
      <Stack gap={4}>
        {vide ? (
          <Text fw={700}>{item.aucun}</Text>
        ) : (
          <Anchor component={Link} to={item.to} fw={700} underline="always">
            <Text component="span" fz={28} fw={800} lh={1.1} display="block">
              {nombre(item.compte)}
            </Text>{' '}
            {item.libelle}
          </Anchor>
        )}
        <Text size="sm">{item.description}</Text>
      </Stack>
    </Paper>
  );
}

/**
 * « À faire » of the current collectivité: each count leads to its filtered list (or to the sinistre
 * when it is the only one). A Lecteur sees the counts without the actions he may not take.
 */
export function AFaire({ canWrite }: { canWrite: boolean }) {
  const query = useQuery({
    queryKey: [A_FAIRE_ENDPOINT],
    queryFn: ({ signal }) => api.get<TAFaire>(A_FAIRE_ENDPOINT, { signal }),
    // A few index reads: always asked again, so that a comment just read no longer shows.
    staleTime: 0,
  });
  const items = query.data ? itemsOf(query.data, canWrite) : [];
  const rien = items.length > 0 && items.every((i) => i.compte.nombre === 0);
  return (
    <Paper component="section" withBorder p="lg" aria-labelledby="a-faire-titre">
      <Stack gap="md">
        <Group justify="space-between" gap="sm">
          <Title order={2} size="h3" id="a-faire-titre">
            À faire
          </Title>
          {canWrite && (
            <Button
              component={Link}
              to={DECLARER_SINISTRE_PATH}
              variant="light"
              leftSection={<IconPlus size={18} aria-hidden="true" />}
            >
              Déclarer un sinistre
            </Button>
          )}
        </Group>
        {query.isPending && <Text aria-busy="true">Chargement de ce qui vous attend…</Text>}
        {query.isError && <ProblemAlert>{errorMessage(query.error)}</ProblemAlert>}
        {rien && <Text>Rien ne vous attend : vos dossiers sont à jour.</Text>}
        {items.length > 0 && (
          <SimpleGrid
            component="ul"
            cols={{ base: 1, sm: 2, lg: 4 }}
            spacing="md"
            m={0}
            p={0}
            style={{ listStyle: 'none' }}
          >
            {items.map((item) => (
              <Compte key={item.key} item={item} />
            ))}
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}
