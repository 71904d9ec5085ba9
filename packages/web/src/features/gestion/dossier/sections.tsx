import { ouvreFraisMedicaux, type TDossierGestion } from '@statutis/domain';
import type { ComponentType } from 'react';
import { FraisMedicauxGestionSection } from '../../frais-medicaux/FraisMedicauxGestionSection';
import { EcheancesSection } from '../../sinistres/EcheancesSection';
import { ControlesMedicauxSection } from './ControlesMedicauxSection';
import { DecisionsSection } from './DecisionsSection';
import { DecomptesSection } from './DecomptesSection';
import {
  ArretsSection,
  CommentairesSection,
  ControlesSection,
  EnqueteSection,
  RequalificationsSection,
} from './DossierSections';
import { PiecesSection } from './PiecesDecisionSection';
import { RecoursSection } from './RecoursSection';
import { RepriseSection } from './RepriseSection';

export type DossierSectionProps = { dossier: TDossierGestion };

/** Sections that read their own data take the sinistre's id only. */
const bySinistre =
  (Section: ComponentType<{ sinistreId: string }>) =>
  ({ dossier }: DossierSectionProps) => <Section sinistreId={dossier.sinistre.id} />;

/**
 * The sections of the handler's file, in reading order: the checks before any decision. A feature
 * adds its section with one line here (« Décisions » after the pieces).
 */
export const dossierSections: { id: string; Component: ComponentType<DossierSectionProps> }[] = [
  { id: 'controles', Component: ControlesSection },
  {
    id: 'echeances',
    Component: ({ dossier }) => <EcheancesSection numero={dossier.sinistre.numero} echeances={dossier.echeances} />,
  },
  { id: 'arrets', Component: ArretsSection },
  { id: 'pieces', Component: PiecesSection },
  { id: 'decisions', Component: bySinistre(DecisionsSection) },
  { id: 'decomptes', Component: bySinistre(DecomptesSection) },
  {
    id: 'frais-medicaux',
    Component: ({ dossier }) =>
      ouvreFraisMedicaux(dossier.sinistre.categorie) ? (
        <FraisMedicauxGestionSection sinistreId={dossier.sinistre.id} />
      ) : null,
  },
  { id: 'controles-medicaux', Component: bySinistre(ControlesMedicauxSection) },
  { id: 'recours', Component: bySinistre(RecoursSection) },
  { id: 'reprise-suivi', Component: bySinistre(RepriseSection) },
  { id: 'enquete', Component: EnqueteSection },
  { id: 'requalifications', Component: RequalificationsSection },
  { id: 'commentaires', Component: CommentairesSection },
];
