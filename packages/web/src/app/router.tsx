import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { FullPageLoader } from '../components/FullPageLoader';
import { AccueilPage } from '../features/accueil/AccueilPage';
import { ActualitesAdminPage } from '../features/accueil/ActualitesAdminPage';
import { AgentCreatePage } from '../features/agents/AgentCreatePage';
import { AgentPage } from '../features/agents/AgentPage';
import { AgentsPage } from '../features/agents/AgentsPage';
import { ListeNominativePage } from '../features/agents/ListeNominativePage';
import { GuidePratiquePage } from '../features/aide/GuidePratiquePage';
import { GuidesPage } from '../features/aide/GuidesPage';
import { JournalPage } from '../features/audit/JournalPage';
import { handleUnauthorized } from '../features/auth/endSession';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage';
import { LoginPage } from '../features/auth/LoginPage';
import { RequireSession } from '../features/auth/RequireSession';
import { SetPasswordPage } from '../features/auth/SetPasswordPage';
import { BaseCreatePage } from '../features/base-assurance/BaseCreatePage';
import { BaseEditPage } from '../features/base-assurance/BaseEditPage';
import { BasesPage } from '../features/base-assurance/BasesPage';
import { BudgetPage } from '../features/base-assurance/BudgetPage';
import { CollectivitesPage } from '../features/collectivites/CollectivitesPage';
import { ContratPage } from '../features/contrats/ContratPage';
import { ContratsPage } from '../features/contrats/ContratsPage';
import { AppelPage } from '../features/cotisations/AppelPage';
import { CotisationsPage } from '../features/cotisations/CotisationsPage';
import { CataloguePiecesPage } from '../features/gestion/CataloguePiecesPage';
import { CorbeillePage } from '../features/gestion/corbeille/CorbeillePage';
import { AppelsGestionPage } from '../features/gestion/cotisations/AppelsGestionPage';
import { APPELS_GESTION_ENDPOINT, APPELS_GESTION_PATH } from '../features/gestion/cotisations/api';
import { FraisGestionPage } from '../features/gestion/cotisations/FraisGestionPage';
import { CalculDecomptesPage } from '../features/gestion/decomptes/CalculDecomptesPage';
import { DecomptesAValiderPage } from '../features/gestion/decomptes/DecomptesAValiderPage';
import { DossierPage } from '../features/gestion/dossier/DossierPage';
import { EncaissementsPage } from '../features/gestion/encaissements/EncaissementsPage';
import { GestionContratPage, NouveauContratPage } from '../features/gestion/GestionContratPage';
import { GestionContratsPage } from '../features/gestion/GestionContratsPage';
import { PilotagePage } from '../features/gestion/pilotage/PilotagePage';
import { GestionReglementsPage } from '../features/gestion/reglements/GestionReglementsPage';
import { SinistralitePage } from '../features/gestion/sinistralite/SinistralitePage';
import { ContactPage } from '../features/placeholders/pages';
import { ReglementPage } from '../features/reglements/ReglementPage';
import { ReglementsPage } from '../features/reglements/ReglementsPage';
import { DeclarerSinistreFormPage } from '../features/sinistres/DeclarerSinistreFormPage';
import { DeclarerSinistrePage } from '../features/sinistres/DeclarerSinistrePage';
import { DocumentsManquantsPage } from '../features/sinistres/DocumentsManquantsPage';
import { SinistrePage } from '../features/sinistres/SinistrePage';
import { SinistresSearchPage } from '../features/sinistres/SinistresSearchPage';
import { ComptesPage } from '../features/users/ComptesPage';
import { InvitationPage } from '../features/users/InvitationPage';
import { MonComptePage } from '../features/users/MonComptePage';
import { setUnauthorizedHandler } from '../lib/api';
import { queryClient } from '../lib/queryClient';
import { AppLayout } from './layout/AppLayout';
import { PublicLayout } from './layout/PublicLayout';
import { MON_COMPTE_PATH } from './menu';
import { NotFoundPage } from './NotFoundPage';
import { RequirePlatformAdmin, RequireRole, RequireStaff } from './Restricted';
import { RouteError } from './RouteError';

/** A page of the current collectivité, readable from the Lecteur role up. */
const reader = (title: string, page: ReactNode) => (
  <RequireRole minRole="lecteur" title={title}>
    {page}
  </RequireRole>
);

/** A page that declares or changes data: from the Publicateur role up. */
const writer = (title: string, page: ReactNode) => (
  <RequireRole minRole="publicateur" title={title}>
    {page}
  </RequireRole>
);

/** The charts' page, loaded on demand so that the first page does not carry the chart library. */
const StatistiquesPage = lazy(() => import('../features/statistiques/StatistiquesPage'));
/** The guide and FAQ, loaded on demand. */
const AidePage = lazy(() => import('../features/aide/AidePage'));
/** The CDG's statistics, loaded on demand so that the first page does not carry the chart library. */
const StatistiquesCdgPage = lazy(() => import('../features/gestion/statistiques/StatistiquesCdgPage'));

const staff = (title: string, page: ReactNode) => <RequireStaff title={title}>{page}</RequireStaff>;

/** The simulator carries the charts: loaded on its own, so the first page does not. */
const SimulateurPage = lazy(() => import('../features/simulateur/SimulateurPage'));
const simulateur = (gestion: boolean) => (
  <Suspense fallback={<FullPageLoader />}>
    <SimulateurPage gestion={gestion} />
  </Suspense>
);

export const router = createBrowserRouter([
  {
    element: <Outlet />,
    errorElement: <RouteError />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: 'connexion', element: <LoginPage /> },
          { path: 'mot-de-passe-oublie', element: <ForgotPasswordPage /> },
          { path: 'definir-mot-de-passe', element: <SetPasswordPage /> },
        ],
      },
      {
        element: (
          <RequireSession>
            <AppLayout />
          </RequireSession>
        ),
        children: [
          { index: true, element: <AccueilPage /> },
          {
            path: 'actualites',
            element: (
              <RequirePlatformAdmin title="Gérer les actualités">
                <ActualitesAdminPage />
              </RequirePlatformAdmin>
            ),
          },
          {
            path: 'statistiques',
            element: reader(
              'Statistiques',
              <Suspense fallback={<FullPageLoader />}>
                <StatistiquesPage />
              </Suspense>,
            ),
          },
          { path: 'espace-contractuel', element: <Navigate to="/espace-contractuel/contrats" replace /> },
          { path: 'espace-contractuel/contrats', element: reader('Contrats', <ContratsPage />) },
          { path: 'espace-contractuel/contrats/:id', element: reader('Contrat', <ContratPage />) },
          { path: 'espace-contractuel/base-assurance', element: reader('Base de l’assurance', <BasesPage />) },
          {
            path: 'espace-contractuel/base-assurance/nouvelle',
            element: writer('Déclarer une base de l’assurance', <BaseCreatePage />),
          },
          {
            path: 'espace-contractuel/base-assurance/:id/modifier',
            // Staff correct a base after its creation day: the page says when it can no longer be changed.
            element: (
              <RequireRole minRole="publicateur" title="Modifier une base de l’assurance" staffReads>
                <BaseEditPage />
              </RequireRole>
            ),
          },
          {
            path: 'espace-contractuel/simulateur',
            element: (
              <RequireRole minRole="administrateur" staffReads={false} title="Simulateur de formules">
                {simulateur(false)}
              </RequireRole>
            ),
          },
          { path: 'espace-contractuel/budget', element: reader('Budget', <BudgetPage />) },
          { path: 'espace-contractuel/cotisations', element: reader('Vos cotisations', <CotisationsPage />) },
          { path: 'espace-contractuel/cotisations/:id', element: reader('Appel de cotisation', <AppelPage />) },
          {
            path: 'espace-contractuel/liste-nominative',
            element: reader('Liste nominative des agents', <ListeNominativePage />),
          },
          { path: 'declarations', element: <Navigate to="/declarations/agents" replace /> },
          { path: 'declarations/agents', element: reader('Agents', <AgentsPage />) },
          { path: 'declarations/agents/nouveau', element: writer('Créer un agent', <AgentCreatePage />) },
          { path: 'declarations/agents/:id', element: reader('Agent', <AgentPage />) },
          {
            path: 'declarations/agents/:id/sinistres/nouveau',
            element: writer('Déclarer un sinistre', <DeclarerSinistreFormPage />),
          },
          { path: 'declarations/sinistres', element: reader('Rechercher un sinistre', <SinistresSearchPage />) },
          {
            path: 'declarations/sinistres/declarer',
            element: writer('Déclarer un sinistre', <DeclarerSinistrePage />),
          },
          { path: 'declarations/sinistres/:id', element: reader('Sinistre', <SinistrePage />) },
          {
            path: 'declarations/documents-manquants',
            element: reader('Documents manquants', <DocumentsManquantsPage />),
          },
          { path: 'reglements', element: reader('Vos règlements', <ReglementsPage />) },
          { path: 'reglements/:id', element: reader('Règlement', <ReglementPage />) },
          { path: 'environnement', element: <Navigate to={MON_COMPTE_PATH} replace /> },
          {
            path: 'environnement/comptes',
            element: (
              <RequireRole minRole="administrateur" title="Gestion des comptes" staffReads>
                <ComptesPage />
              </RequireRole>
            ),
          },
          {
            path: 'environnement/journal',
            element: (
              <RequireRole minRole="administrateur" title="Journal des modifications" staffReads>
                <JournalPage />
              </RequireRole>
            ),
          },
          { path: 'environnement/mon-compte', element: <MonComptePage /> },
          { path: 'invitation', element: <InvitationPage /> },
          { path: 'guides', element: <GuidesPage /> },
          { path: 'guides/guide-pratique', element: <GuidePratiquePage /> },
          {
            path: 'guides/aide',
            element: (
              <Suspense fallback={<FullPageLoader />}>
                <AidePage />
              </Suspense>
            ),
          },
          { path: 'contact', element: <ContactPage /> },
          { path: 'gestion', element: <Navigate to="/gestion/contrats" replace /> },
          { path: 'gestion/corbeille', element: staff('Corbeille', <CorbeillePage />) },
          { path: 'gestion/contrats', element: staff('Gestion des contrats', <GestionContratsPage />) },
          { path: 'gestion/contrats/nouveau', element: staff('Nouveau contrat', <NouveauContratPage />) },
          { path: 'gestion/contrats/:id', element: staff('Contrat', <GestionContratPage />) },
          { path: 'gestion/sinistres/:id', element: staff('Sinistre', <DossierPage />) },
          { path: 'gestion/decomptes', element: staff('Décomptes à valider', <DecomptesAValiderPage />) },
          { path: 'gestion/decomptes/calcul', element: staff('Calcul des décomptes', <CalculDecomptesPage />) },
          { path: 'gestion/pilotage', element: staff('Pilotage du contrat groupe', <PilotagePage />) },
          { path: 'gestion/cotisations', element: staff('Appels de cotisation', <AppelsGestionPage />) },
          {
            path: 'gestion/cotisations/frais',
            element: staff('Frais de gestion du centre de gestion', <FraisGestionPage />),
          },
          {
            path: 'gestion/cotisations/:id',
            element: staff(
              'Appel de cotisation',
              <AppelPage
                endpoint={APPELS_GESTION_ENDPOINT}
                crumbs={[{ label: 'Gestion' }, { label: 'Appels de cotisation', to: APPELS_GESTION_PATH }]}
              />,
            ),
          },
          { path: 'gestion/reglements', element: staff('Règlements', <GestionReglementsPage />) },
          {
            path: 'gestion/encaissements',
            element: staff('Encaissements des cotisations', <EncaissementsPage />),
          },
          { path: 'gestion/reglements/:id', element: staff('Règlement', <ReglementPage gestion />) },
          { path: 'gestion/sinistralite', element: staff('Rapport S/P', <SinistralitePage />) },
          { path: 'gestion/simulateur', element: staff('Simulateur de formules', simulateur(true)) },
          {
            path: 'gestion/statistiques',
            element: staff(
              'Statistiques d’absentéisme',
              <Suspense fallback={<FullPageLoader />}>
                <StatistiquesCdgPage />
              </Suspense>,
            ),
          },
          {
            path: 'gestion/collectivites',
            element: (
              <RequirePlatformAdmin title="Collectivités">
                <CollectivitesPage />
              </RequirePlatformAdmin>
            ),
          },
          {
            path: 'gestion/catalogue-pieces',
            element: (
              <RequirePlatformAdmin title="Catalogue des pièces">
                <CataloguePiecesPage />
              </RequirePlatformAdmin>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

// Any 401 of a logged-in user: the session ended on the server; the guard then leads to /connexion.
setUnauthorizedHandler(() => handleUnauthorized(queryClient));
