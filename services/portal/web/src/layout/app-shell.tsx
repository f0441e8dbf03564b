import { NavLink, Outlet } from 'react-router-dom';
import { isReadOnly, ROLE_LABELS } from '../auth/claims';
import { useSignedIn, useSession } from '../auth/session';
import { navigationFor } from './navigation';

/** Header, role-aware navigation and the signed-in user; pages render in the outlet. */
export function AppShell() {
  const { claims } = useSignedIn();
  const { signOut } = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        Lewati ke konten
      </a>
      <header className="app-header">
        <span className="brand">Pantau</span>
        <nav aria-label="Menu utama">
          <ul>
            {navigationFor(claims).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to}>{item.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span>
            {claims.name} · {ROLE_LABELS[claims.role]}
            {claims.unitId && <> · {claims.unitId}</>}
            {isReadOnly(claims.role) && <> · baca saja</>}
          </span>
          <button type="button" className="link" onClick={() => signOut()}>
            Keluar
          </button>
        </div>
      </header>
      <main id="main">
        <Outlet />
      </main>
    </>
  );
}
