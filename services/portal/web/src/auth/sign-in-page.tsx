import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { authApi, type DevUser } from '../api/auth';
import { ProblemMessage } from '../components/problem-message';
import { ROLE_LABELS, type Role } from './claims';
import { useSession } from './session';

/**
 * Sign-in. In development the portal lists the demo users and issues their tokens; in production
 * the Pemda's identity provider would issue them (OIDC in the web app is not built yet: README).
 */
export function SignInPage() {
  const { session, endedBecause, signIn } = useSession();
  // Back to the page that sent the user here (a link to a unit's assessment, say), else home.
  const from = (useLocation().state as { from?: string } | null)?.from ?? '/';
  const options = useQuery({ queryKey: ['auth', 'options'], queryFn: authApi.options });
  const login = useMutation({ mutationFn: authApi.devLogin, onSuccess: ({ accessToken }) => signIn(accessToken) });

  if (session) return <Navigate to={from} replace />;
  return (
    <main className="narrow" id="main">
      <h1>Masuk ke Pantau</h1>
      {endedBecause && <p role="status">{endedBecause}</p>}
      {options.data?.devLogin ? (
        <DevUserPicker onPick={(username) => login.mutate(username)} busy={login.isPending} />
      ) : (
        options.data && <p>Masuk dengan akun SSO Pemda belum tersedia di portal ini. Hubungi Bagian Organisasi untuk akses.</p>
      )}
      <ProblemMessage error={login.error ?? options.error} title="Tidak dapat masuk" />
      <section aria-labelledby="for-citizens">
        <h2 id="for-citizens">Untuk masyarakat</h2>
        <p>
          Lacak permohonan layanan Anda dengan kode pelacakan: <Link to="/lacak">Lacak permohonan</Link>. Survei kepuasan dibuka dari kode QR di kantor layanan.
        </p>
      </section>
    </main>
  );
}

function DevUserPicker({ onPick, busy }: { onPick(username: string): void; busy: boolean }) {
  const users = useQuery({ queryKey: ['auth', 'dev-users'], queryFn: authApi.devUsers });
  return (
    <section aria-labelledby="dev-users">
      <h2 id="dev-users">Pilih pengguna demo</h2>
      <p className="muted">Mode pengembangan: token ditandatangani oleh portal untuk pengguna contoh Kota Banjarmasin.</p>
      {users.error ? <ProblemMessage error={users.error} title="Daftar pengguna demo tidak tersedia" /> : null}
      <ul className="user-list">
        {(users.data ?? []).map((user) => (
          <li key={user.username}>
            <button type="button" onClick={() => onPick(user.username)} disabled={busy}>
              <strong>{user.name}</strong>
              <span className="muted">{describe(user)}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function describe(user: DevUser): string {
  const role = ROLE_LABELS[user.role as Role] ?? user.role;
  const where = user.unitId ?? (user.assignedUnitIds.length > 0 ? user.assignedUnitIds.join(', ') : null);
  return [role, user.tenantId, where].filter(Boolean).join(' · ');
}
