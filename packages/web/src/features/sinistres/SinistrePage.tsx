import { Anchor } from '@mantine/core';
import { estAccident, ouvreFraisMedicaux, risqueLabels, type TSinistreDetail } from '@statutis/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { FullPageLoader } from '../../components/FullPageLoader';
import { Page } from '../../components/Page';
import { ProblemAlert } from '../../components/ProblemAlert';
import { errorMessage } from '../../lib/api';
import { fullName } from '../../lib/format';
import { useCan } from '../auth/session';
import { FraisMedicauxSection } from '../frais-medicaux/FraisMedicauxSection';
import { PaiementsSinistre } from '../reglements/ReglementsSections';
import { useIjss } from '../remboursements/api';
import { IjssSection } from '../remboursements/IjssSection';
import { SalairesMensuelsSection } from '../remboursements/SalairesMensuelsSection';
import { ArretsSection } from './ArretsSection';
import { SINISTRES_PATH, sinistreKey, sinistresApi, usePieces, useSinistre } from './api';
import { DecisionsSinistre } from './DecisionsSinistre';
import { EcheancesSection } from './EcheancesSection';
import { EnqueteSection } from './EnqueteSection';
import { SinistreStatutBadge } from './labels';
import { PiecesSection } from './PiecesSection';
import { SinistreHeader } from './SinistreHeader';
import { type NavItem, SinistreNav, useFollowHash } from './SinistreNav';
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

/** The rubriques of the page, in its order, each with what waits there. */
function navItems(s: TSinistreDetail, nouveaux: number, ijss: boolean): NavItem[] {
  const manquantes = s.piecesManquantes.length;
  const depassees = s.echeances.filter((e) => e.etat === 'depassee').length;
  const proches = s.echeances.filter((e) => e.etat === 'proche').length;
  return [
    {
      id: 'echeances',
      label: 'Échéances',
      note:
        [
          depassees > 0 ? `${depassees} ${depassees > 1 ? 'dépassées' : 'dépassée'}` : '',
          proches > 0 ? `${proches} ${proches > 1 ? 'proches' : 'proche'}` : '',
        ]
          .filter(Boolean)
          .join(', ') || undefined,
    },
    ...(estAccident(s.categorie) ? [{ id: 'enquete', label: 'Enquête et imputabilité' } as const] : []),
    { id: 'arrets', label: 'Arrêts de travail', note: s.arrets.length === 0 ? 'aucun' : undefined },
    { id: 'salaires', label: 'Salaires mensuels' },
    ...(ijss ? [{ id: 'ijss', label: 'IJSS' } as const] : []),
    {
      id: 'pieces',
      label: 'Pièces',
      note: manquantes > 0 ? `${manquantes} ${manquantes > 1 ? 'manquantes' : 'manquante'}` : undefined,
    },
    ...(ouvreFraisMedicaux(s.categorie) ? [{ id: 'frais-medicaux', label: 'Frais médicaux' } as const] : []),
    { id: 'reprise', label: 'Reprise' },
    { id: 'requalification', label: 'Requalification' },
    {
      id: 'commentaires',
      label: 'Commentaires',
      note: nouveaux > 0 ? `${nouveaux} ${nouveaux > 1 ? 'nouveaux' : 'nouveau'}` : undefined,
    },
  ];
}

/**
 * Vos déclarations › a sinistre. Its head says the status, what is missing and the next action; the
 * rubriques (échéances, enquête, arrêts, pieces, reprise, requalification, comments) follow on one page, with a
 * navigation that stays in view: a declaration is made in this order, the pieces follow the arrêts,
 * and the whole file stays searchable (Ctrl+F) and printable.
 */
export function SinistrePage() {
  const { id } = useParams();
  const sinistre = useSinistre(id);
  const canWrite = useCan('publicateur');
  const s = sinistre.data;
  const nouveaux = useNouveauxCommentaires(s, canWrite);
  // The pieces load after the sinistre: the sections below them only find their place once they are there.
  const pieces = usePieces(id ?? '');
  const ijss = useIjss(id ?? '');
  useFollowHash(!!s && !pieces.isPending);

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
          <SinistreHeader sinistre={s} canWrite={canWrite} nouveaux={nouveaux.size} />
          <DecisionsSinistre sinistreId={s.id} />
          {s.statut === 'brouillon' && canWrite && <SupprimerBrouillon sinistre={s} />}
          <SinistreNav items={navItems(s, nouveaux.size, ijss.data?.applicable === true)}>
            <EcheancesSection numero={s.numero} echeances={s.echeances} />
            {estAccident(s.categorie) && <EnqueteSection sinistre={s} canWrite={canWrite} />}
            <ArretsSection sinistre={s} canWrite={canWrite} />
            <SalairesMensuelsSection sinistre={s} canWrite={canWrite} />
            <IjssSection sinistre={s} canWrite={canWrite} />
            <PiecesSection sinistre={s} canWrite={canWrite} />
            {ouvreFraisMedicaux(s.categorie) && <FraisMedicauxSection sinistre={s} canWrite={canWrite} />}
            <RepriseSection sinistre={s} canWrite={canWrite} />
            <RequalificationSection sinistre={s} canWrite={canWrite} />
            <CommentairesSection sinistre={s} canWrite={canWrite} nouveaux={nouveaux} />
          </SinistreNav>
          {s.statut !== 'brouillon' && <PaiementsSinistre sinistreId={s.id} />}
        </>
      )}
    </Page>
  );
}
