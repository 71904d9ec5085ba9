import type { TDossierGestion } from '@statutis/domain';
import type { ComponentType } from 'react';
import { DecisionsSection } from './DecisionsSection';
import {
  ArretsSection,
  CommentairesSection,
  ControlesSection,
  EnqueteSection,
  RequalificationsSection,
} from './DossierSections';
import { PiecesSection } from './PiecesDecisionSection';

export type DossierSectionProps = { dossier: TDossierGestion };

function Decisions({ dossier }: DossierSectionProps) {
  return <DecisionsSection sinistreId={dossier.sinistre.id} />;
}

/**
 * The sections of the handler's file, in reading order: the checks before any decision. A feature
 * adds its section with one line here (« Décisions » after the pieces).
 */
export const dossierSections: { id: string; Component: ComponentType<DossierSectionProps> }[] = [
  { id: 'controles', Component: ControlesSection },
  { id: 'arrets', Component: ArretsSection },
  { id: 'pieces', Component: PiecesSection },
  { id: 'decisions', Component: Decisions },
  { id: 'enquete', Component: EnqueteSection },
  { id: 'requalifications', Component: RequalificationsSection },
  { id: 'commentaires', Component: CommentairesSection },
];
