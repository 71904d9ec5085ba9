import { Alert, Anchor, List, Stack, Text } from '@mantine/core';
import { estAccident, formatDate, risqueLabels, type TSinistreDetail } from '@statutis/domain';
import { IconAlertTriangle, IconClock, IconMessage } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { Section } from '../../components/Section';
import { errorMessage } from '../../lib/api';
import { formatDay, fullName } from '../../lib/format';
import { useCan } from '../auth/session';
import { ArretsSection } from './ArretsSection';
import { agentFichePath, SINISTRES_PATH, sinistreKey, sinistresApi, useSinistre } from './api';
import { EnqueteSection } from './EnqueteSection';
import { Facts } from './Facts';
import { SinistreStatutBadge } from './labels';
import { PiecesSection } from './PiecesSection';
import { CommentairesSection, RepriseSection, RequalificationSection } from './SuiviSections';
import { SupprimerBrouillon } from './SupprimerBrouillon';

const crumbs = [{ label: 'Vos déclarations' }, { label: 'Rechercher un sinistre', to: SINISTRES_PATH }];

/**
 * The handlers' comments unread when the page opens: they stay marked « Nouveau » while the page is
 * shown, and the server is told once that they are read.
 */
function useNouveauxCommentaires(sinistre: TSinistreDetail | undefined, canWrite: boolean): ReadonlySet<string> {
  const queryClient = useQueryClient();
  const [nouveaux, setNouveaux] = useState<ReadonlySet<string>>(new Set());
  const done = useRef<string | null>(null);
  useEffect(() => {
    if (!sinistre || done.current === sinistre.id) return;
    done.current = sinistre.id;
    const unread = sinistre.commentaires.filter((c) => c.nonLu).map((c) => c.id);
    if (unread.length === 0) return;
    setNouveaux(new Set(unread));
    // Marking them read is a write: a Lecteur sees them as new until a Publicateur opens the sinistre.
    if (!canWrite) return;
    sinistresApi
      .marquerLus(sinistre.id)
      .then((saved) => queryClient.setQueryData(sinistreKey(saved.id), saved))
      // Not being able to mark them read changes nothing on the page: they will show as new next time.
      .catch(() => undefined);
  }, [sinistre, canWrite, queryClient]);
  return nouveaux;
}

/** Follows a link to a section (`#pieces` from the missing documents) once the sinistre is shown. */
function useScrollToHash(ready: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    const timer = window.setTimeout(() => document.getElementById(hash.slice(1))?.scrollIntoView(), 50);
    return () => window.clearTimeout(timer);
  }, [ready, hash]);
}

function Header({ sinistre }: { sinistre: TSinistreDetail }) {
  return (
    <Section title="Le sinistre" id="sinistre">
      <Facts
        cols={3}
        facts={[
          { label: 'Numéro', value: sinistre.numero },
          {
            label: 'Agent',
            value: (
              <Anchor component={Link} to={agentFichePath(sinistre.agentId)}>
                {fullName({ prenom: sinistre.agentPrenom, nom: sinistre.agentNom })}
              </Anchor>
            ),
          },
          { label: 'Catégorie', value: risqueLabels[sinistre.categorie] },
          { label: 'Date de survenance', value: formatDate(sinistre.dateSurvenance) },
          { label: 'Statut', value: <SinistreStatutBadge statut={sinistre.statut} /> },
          { label: 'Contrat', value: sinistre.contratNumero },
          { label: 'Déclaré le', value: formatDay(sinistre.creeLe) },
          {
            label: 'Tiers impliqué',
            value: sinistre.tiersImplique
              ? `Oui${sinistre.recoursTiers ? ` — recours contre tiers : ${sinistre.recoursTiers}` : ''}`
              : 'Non',
          },
          ...(sinistre.commentaire ? [{ label: 'Commentaire de la déclaration', value: sinistre.commentaire }] : []),
        ]}
      />
    </Section>
  );
}

/** What the Brouillon still lacks, truthfully: its arrêt, mandatory pieces, or nothing but the validation. */
function BrouillonBanner({ sinistre }: { sinistre: TSinistreDetail }) {
  const manquantes = sinistre.piecesManquantes;
  const incomplet = sinistre.arretManquant !== null || manquantes.length > 0;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconAlertTriangle aria-hidden="true" />}
      title={
        incomplet
          ? 'Votre dossier est incomplet : le sinistre reste au statut Brouillon'
          : 'Votre dossier est complet : il reste à valider la déclaration'
      }
    >
      <Stack gap="xs">
        {sinistre.arretManquant !== null && (
          <>
            <Text size="sm">{sinistre.arretManquant}</Text>
            <Anchor href="#arrets" size="sm" fw={700}>
              Ajouter l’arrêt de travail
            </Anchor>
          </>
        )}
        {manquantes.length > 0 && (
          <>
            <Text size="sm">Pièces obligatoires manquantes :</Text>
            <List size="sm" spacing={2}>
              {manquantes.map((m) => (
                <List.Item key={m}>{m}</List.Item>
              ))}
            </List>
            <Anchor href="#pieces" size="sm" fw={700}>
              Déposer les pièces justificatives
            </Anchor>
          </>
        )}
        {!incomplet && (
          <Text size="sm">
            Toutes les pièces obligatoires sont déposées : validez la déclaration dans la rubrique « Pièces
            justificatives » pour la transmettre au gestionnaire.
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** Vos déclarations › a sinistre: its header, enquête, arrêts, pieces, reprise, requalification and comments. */
export function SinistrePage() {
  const { id } = useParams();
  const sinistre = useSinistre(id);
  const canWrite = useCan('publicateur');
  const s = sinistre.data;
  const nouveaux = useNouveauxCommentaires(s, canWrite);
  useScrollToHash(!!s);

  return (
    <Page
      title={s ? `Sinistre n° ${s.numero}` : 'Sinistre'}
      crumbs={crumbs}
      intro={s ? `${risqueLabels[s.categorie]} de ${fullName({ prenom: s.agentPrenom, nom: s.agentNom })}` : undefined}
      actions={s && <SinistreStatutBadge statut={s.statut} />}
    >
      {sinistre.isPending && <FullPageLoader />}
      {sinistre.isError && (
        <>
          <ProblemAlert>{errorMessage(sinistre.error)}</ProblemAlert>
          <Anchor component={Link} to={SINISTRES_PATH}>
            Revenir à la recherche des sinistres
          </Anchor>
        </>
      )}
      {s && (
        <>
          {s.horsDelai && (
            <Alert color="orange" variant="light" icon={<IconClock aria-hidden="true" />} title="Déclaré hors délai">
              {s.declaration?.horsDelai
                ? `${s.declaration.message} Sa prise en charge sera examinée par le gestionnaire.`
                : 'Un arrêt de ce sinistre a été déclaré après le délai prévu par le contrat : sa prise en charge sera examinée par le gestionnaire.'}
            </Alert>
          )}
          {s.statut === 'brouillon' && <BrouillonBanner sinistre={s} />}
          {s.statut === 'brouillon' && canWrite && <SupprimerBrouillon sinistre={s} />}
          {nouveaux.size > 0 && (
            <Alert color="green" variant="light" icon={<IconMessage aria-hidden="true" />}>
              Le gestionnaire vous a laissé{' '}
              {nouveaux.size > 1 ? `${nouveaux.size} nouveaux commentaires` : 'un nouveau commentaire'}.{' '}
              <Anchor href="#commentaires" fw={700}>
                Lire les commentaires
              </Anchor>
            </Alert>
          )}
          <Header sinistre={s} />
          {estAccident(s.categorie) && <EnqueteSection sinistre={s} canWrite={canWrite} />}
          <ArretsSection sinistre={s} canWrite={canWrite} />
          <PiecesSection sinistre={s} canWrite={canWrite} />
          <RepriseSection sinistre={s} canWrite={canWrite} />
          <RequalificationSection sinistre={s} canWrite={canWrite} />
          <CommentairesSection sinistre={s} canWrite={canWrite} nouveaux={nouveaux} />
        </>
      )}
    </Page>
  );
}
