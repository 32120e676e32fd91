import { createBrowserRouter, Navigate } from 'react-router';
import { paths } from '../config/paths';
import { RequireAuth } from '../features/auth';
import { AppShell } from './AppShell';
import { NotFoundPage } from './NotFoundPage';
import { Loading } from '../components/Status';
import { RouteError } from './RouteError';

// Pages are lazy-loaded chunks; the shell, auth and API client are in the initial bundle.
export const router = createBrowserRouter([
  {
    path: paths.login.path,
    lazy: async () => ({ Component: (await import('../features/auth/LoginPage')).LoginPage }),
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
  },
  {
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    hydrateFallbackElement: <Loading />,
    children: [
      { index: true, element: <Navigate to={paths.participants.href()} replace /> },
      {
        path: paths.participants.path,
        lazy: async () => ({ Component: (await import('../features/participants/ParticipantsListPage')).ParticipantsListPage }),
      },
      {
        path: paths.participantNew.path,
        lazy: async () => ({ Component: (await import('../features/participants/NewParticipantPage')).NewParticipantPage }),
      },
      {
        path: paths.participant.path,
        lazy: async () => ({ Component: (await import('../features/participants/ParticipantDetailPage')).ParticipantDetailPage }),
      },
      { path: '*', Component: NotFoundPage },
    ],
  },
]);
