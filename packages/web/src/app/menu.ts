import type { TRole } from '@statutis/domain';
import {
  type Icon,
  IconBook,
  IconClipboardList,
  IconFileCertificate,
  IconHistory,
  IconHome,
  IconMessageQuestion,
  IconUserCircle,
  IconUsers,
} from '@tabler/icons-react';

export interface MenuLink {
  label: string;
  to: string;
  icon: Icon;
  /** Shown only from this role up in the current collectivité. */
  requires?: TRole;
  /** Active only on this exact path (the home page). */
  end?: boolean;
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
  { label: 'Espace contractuel', to: '/espace-contractuel', icon: IconFileCertificate },
  { label: 'Vos déclarations', to: '/declarations', icon: IconClipboardList },
  {
    label: 'Environnement',
    children: [
      { label: 'Gestion des comptes', to: '/environnement/comptes', icon: IconUsers, requires: 'administrateur' },
      {
        label: 'Journal des modifications',
        to: '/environnement/journal',
        icon: IconHistory,
        requires: 'administrateur',
      },
      { label: 'Mon compte', to: MON_COMPTE_PATH, icon: IconUserCircle },
    ],
  },
  { label: 'Guides utilisateurs', to: '/guides', icon: IconBook },
  { label: 'Nous contacter', to: '/contact', icon: IconMessageQuestion },
];
