import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import type { Role } from './claims';
import { useSession } from './session';

/** Staff screens: signed-in users of the listed roles; others go to sign-in or see why not. */
export function RequireSession({ roles, children }: { roles?: Role[]; children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/masuk" replace state={{ from: location.pathname }} />;
  if (roles && !roles.includes(session.claims.role)) {
    return (
      <p role="alert" className="problem">
        Halaman ini tidak tersedia untuk peran Anda.
      </p>
    );
  }
  return <>{children}</>;
}
