import { createBrowserRouter, Navigate, Outlet } from 'react-router';
import { AccueilPage } from '../features/accueil/AccueilPage';
import { ActualitesAdminPage } from '../features/accueil/ActualitesAdminPage';
import { GuidePratiquePage } from '../features/aide/GuidePratiquePage';
import { GuidesPage } from '../features/aide/GuidesPage';
import { JournalPage } from '../features/audit/JournalPage';
import { handleUnauthorized } from '../features/auth/endSession';
import { ForgotPasswordPage } from '../features/auth/ForgotPasswordPage';
import { LoginPage } from '../features/auth/LoginPage';
import { RequireSession } from '../features/auth/RequireSession';
import { SetPasswordPage } from '../features/auth/SetPasswordPage';
import { ContactPage, DeclarationsPage, EspaceContractuelPage } from '../features/placeholders/pages';
import { ComptesPage } from '../features/users/ComptesPage';
import { MonComptePage } from '../features/users/MonComptePage';
import { setUnauthorizedHandler } from '../lib/api';
import { queryClient } from '../lib/queryClient';
import { AppLayout } from './layout/AppLayout';
import { PublicLayout } from './layout/PublicLayout';
import { MON_COMPTE_PATH } from './menu';
import { NotFoundPage } from './NotFoundPage';
import { RequirePlatformAdmin, RequireRole } from './Restricted';
import { RouteError } from './RouteError';

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
          { path: 'espace-contractuel', element: <EspaceContractuelPage /> },
          { path: 'declarations', element: <DeclarationsPage /> },
          { path: 'environnement', element: <Navigate to={MON_COMPTE_PATH} replace /> },
          {
            path: 'environnement/comptes',
            element: (
              <RequireRole minRole="administrateur" title="Gestion des comptes">
                <ComptesPage />
              </RequireRole>
            ),
          },
          {
            path: 'environnement/journal',
            element: (
              <RequireRole minRole="administrateur" title="Journal des modifications">
                <JournalPage />
              </RequireRole>
            ),
          },
          { path: 'environnement/mon-compte', element: <MonComptePage /> },
          { path: 'guides', element: <GuidesPage /> },
          { path: 'guides/guide-pratique', element: <GuidePratiquePage /> },
          { path: 'contact', element: <ContactPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

// Any 401 of a logged-in user: the session ended on the server; the guard then leads to /connexion.
setUnauthorizedHandler(() => handleUnauthorized(queryClient));
