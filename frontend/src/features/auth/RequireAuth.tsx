import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { session } from '../../api/client';
import { paths } from '../../config/paths';
import { useSession } from './session-hooks';

/** Renders its children when signed in; otherwise sends the user to login, keeping the current path. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const current = useSession();
  const location = useLocation();
  if (!current) {
    const next = `${location.pathname}${location.search}`;
    const reason = session.lastEndReason === 'expired' ? 'expired' : undefined;
    return <Navigate to={paths.login.href(next, reason)} replace />;
  }
  return children;
}
