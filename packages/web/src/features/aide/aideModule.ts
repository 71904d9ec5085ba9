import type { AideModule } from '@statutis/domain';

export const AIDE_PATH = '/guides/aide';

/** Which part of the guide a page is about, from its address (the most specific prefix first). */
const PREFIXES: [string, AideModule][] = [
  ['/espace-contractuel/base-assurance', 'base_assurance'],
  ['/espace-contractuel/liste-nominative', 'agents'],
  ['/espace-contractuel/cotisations', 'cotisations'],
  ['/gestion/cotisations', 'cotisations'],
  ['/declarations/agents', 'agents'],
  ['/declarations/documents-manquants', 'pieces'],
  ['/declarations/sinistres', 'sinistres'],
  ['/gestion/decomptes', 'decomptes'],
  ['/reglements', 'decomptes'],
  ['/statistiques', 'statistiques'],
  ['/gestion/statistiques', 'statistiques'],
  ['/environnement/comptes', 'comptes'],
];

export function aideModuleOf(pathname: string): AideModule {
  return PREFIXES.find(([prefix]) => pathname === prefix || pathname.startsWith(`${prefix}/`))?.[1] ?? 'general';
}

export const aideAnchor = (module: AideModule) => `aide-${module}`;
