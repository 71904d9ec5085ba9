import type { TRole, TStaffRole } from '@statutis/domain';
import {
  type Icon,
  IconBook,
  IconBuildingBank,
  IconBuildingCommunity,
  IconCalculator,
  IconCash,
  IconChartBar,
  IconChartLine,
  IconChartPie,
  IconChecklist,
  IconClipboardList,
  IconClipboardPlus,
  IconCoins,
  IconFileAlert,
  IconFileCertificate,
  IconFileSpreadsheet,
  IconFiles,
  IconHistory,
  IconHome,
  IconId,
  IconInbox,
  IconMessageQuestion,
  IconPigMoney,
  IconReceipt,
  IconScale,
  IconUserCircle,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';
import { CorbeilleBadge } from '../features/gestion/corbeille/CorbeilleBadge';

export interface MenuLink {
  label: string;
  to: string;
  icon: Icon;
  /** Shown only from this role up in the current collectivité. */
  requires?: TRole;
  /** Shown to staff looking at a collectivité despite `requires` (pages they read or manage). */
  staffReads?: true;
  /** Active only on this exact path (the home page). */
  end?: boolean;
  /** Shown only to the staff of the platform: `true` for any of them, or one staff role. */
  staff?: true | TStaffRole;
  /** Shown only to the staff of this kind of organisation (a CDG's pages an insurer's staff may not read). */
  organisation?: 'cdg';
  /** A count shown beside the label (the work queue's waiting files). */
  badge?: ComponentType;
}

export interface MenuGroup {
  label: string;
  children: MenuLink[];
}

export type MenuEntry = MenuLink | MenuGroup;

export const MON_COMPTE_PATH = '/environnement/mon-compte';

/** The rubriques of the employer portal, in the order users know them. */
export const mainMenu: MenuEntry[] = [
  { label: 'Accueil', to: '/', icon: IconHome, end: true },
  { label: 'Statistiques', to: '/statistiques', icon: IconChartLine },
  {
    label: 'Espace contractuel',
    children: [
      { label: 'Contrats', to: '/espace-contractuel/contrats', icon: IconFileCertificate },
      { label: 'Base de l’assurance', to: '/espace-contractuel/base-assurance', icon: IconCalculator },
      { label: 'Budget', to: '/espace-contractuel/budget', icon: IconPigMoney },
      { label: 'Vos cotisations', to: '/espace-contractuel/cotisations', icon: IconCoins },
      {
        label: 'Simulateur de formules',
        to: '/espace-contractuel/simulateur',
        icon: IconScale,
        requires: 'administrateur',
      },
      { label: 'Liste nominative des agents', to: '/espace-contractuel/liste-nominative', icon: IconFileSpreadsheet },
    ],
  },
  {
    label: 'Vos déclarations',
    children: [
      { label: 'Agents', to: '/declarations/agents', icon: IconId },
      {
        label: 'Déclarer un sinistre',
        to: '/declarations/sinistres/declarer',
        icon: IconClipboardPlus,
        requires: 'publicateur',
      },
      // `end`: the page of « Déclarer un sinistre » lies under this address and has its own entry.
      { label: 'Rechercher un sinistre', to: '/declarations/sinistres', icon: IconClipboardList, end: true },
      { label: 'Documents manquants', to: '/declarations/documents-manquants', icon: IconFileAlert },
    ],
  },
  {
    label: 'Vos règlements',
    children: [{ label: 'Règlements reçus', to: '/reglements', icon: IconReceipt }],
  },
  {
    label: 'Environnement',
    children: [
      {
        label: 'Gestion des comptes',
        to: '/environnement/comptes',
        icon: IconUsers,
        requires: 'administrateur',
        staffReads: true,
      },
      {
        label: 'Journal des modifications',
        to: '/environnement/journal',
        icon: IconHistory,
        requires: 'administrateur',
        staffReads: true,
      },
      { label: 'Mon compte', to: MON_COMPTE_PATH, icon: IconUserCircle },
    ],
  },
  { label: 'Guides utilisateurs', to: '/guides', icon: IconBook },
  { label: 'Nous contacter', to: '/contact', icon: IconMessageQuestion },
  {
    label: 'Gestion',
    children: [
      { label: 'Corbeille', to: '/gestion/corbeille', icon: IconInbox, staff: 'gestionnaire', badge: CorbeilleBadge },
      { label: 'Calcul des décomptes', to: '/gestion/decomptes/calcul', icon: IconCalculator, staff: 'gestionnaire' },
      { label: 'Décomptes à valider', to: '/gestion/decomptes', icon: IconChecklist, staff: 'gestionnaire', end: true },
      { label: 'Règlements', to: '/gestion/reglements', icon: IconCash, staff: true },
      { label: 'Encaissements', to: '/gestion/encaissements', icon: IconCoins, staff: 'gestionnaire' },
      { label: 'Rapport S/P', to: '/gestion/sinistralite', icon: IconChartPie, staff: true },
      { label: 'Simulateur de formules', to: '/gestion/simulateur', icon: IconScale, staff: 'gestionnaire' },
      {
        label: 'Statistiques',
        to: '/gestion/statistiques',
        icon: IconChartLine,
        staff: 'gestionnaire',
        organisation: 'cdg',
      },
      { label: 'Contrats', to: '/gestion/contrats', icon: IconBuildingBank, staff: true },
      { label: 'Pilotage du contrat groupe', to: '/gestion/pilotage', icon: IconChartBar, staff: true },
      { label: 'Appels de cotisation', to: '/gestion/cotisations', icon: IconReceipt, staff: true },
      { label: 'Collectivités', to: '/gestion/collectivites', icon: IconBuildingCommunity, staff: 'admin_plateforme' },
      { label: 'Catalogue des pièces', to: '/gestion/catalogue-pieces', icon: IconFiles, staff: 'admin_plateforme' },
    ],
  },
];
