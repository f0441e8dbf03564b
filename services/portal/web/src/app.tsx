import type { ReactElement } from 'react';
import { Navigate, Route, Routes, useParams } from 'react-router-dom';
import { RequireSession } from './auth/require-session';
import { useSession, useSignedIn } from './auth/session';
import { SignInPage } from './auth/sign-in-page';
import { AssignedUnitsPage } from './features/assessment/assigned-units-page';
import { SelfAssessmentPage } from './features/assessment/self-assessment-page';
import { UnitHomePage } from './features/assessment/unit-home-page';
import { UnitReviewPage } from './features/assessment/unit-review-page';
import { CyclePage } from './features/cycles/cycle-page';
import { CyclesPage } from './features/cycles/cycles-page';
import { F03FormPage } from './features/public/f03-form-page';
import { PosterPage } from './features/public/poster-page';
import { SkmFormPage } from './features/public/skm-form-page';
import { TrackingPage } from './features/public/tracking-page';
import { ResultsPage } from './features/results/results-page';
import { ServicesPage } from './features/services/services-page';
import { SkmPage } from './features/skm/skm-page';
import { AppShell } from './layout/app-shell';
import { homeFor } from './layout/navigation';

const READERS = ['admin', 'auditor', 'national-auditor'] as const;

export function App() {
  return (
    <Routes>
      {/* Citizens: no sign-in. /survei/:publicLinkId is where the poster QR codes point. */}
      <Route path="/survei/:publicLinkId" element={<SkmFormPage />} />
      <Route path="/survei/:publicLinkId/poster" element={<PosterPage />} />
      <Route path="/f03/:tenantId/:cycleId/:unitId" element={<F03FormPage />} />
      <Route path="/lacak/:trackingCode?" element={<TrackingPage />} />
      <Route path="/masuk" element={<SignInPage />} />
      <Route
        element={
          <RequireSession>
            <AppShell />
          </RequireSession>
        }
      >
        <Route index element={<Home />} />
        <Route path="siklus" element={<ForRoles roles={[...READERS]} page={<CyclesPage />} />} />
        <Route path="siklus/:cycleId" element={<ForRoles roles={[...READERS]} page={<CyclePage />} />} />
        <Route path="siklus/:cycleId/hasil" element={<ForRoles roles={[...READERS]} page={<ResultsPage />} />} />
        <Route path="siklus/:cycleId/unit/:unitId" element={<UnitAssessment />} />
        <Route path="unit" element={<ForRoles roles={['skpd-operator']} page={<UnitHomePage />} />} />
        <Route path="skm" element={<ForRoles roles={['skpd-operator']} page={<SkmPage />} />} />
        <Route path="layanan" element={<ForRoles roles={['skpd-operator']} page={<ServicesPage />} />} />
        <Route path="penugasan" element={<ForRoles roles={['evaluator']} page={<AssignedUnitsPage />} />} />
      </Route>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}

/** A page only the listed roles reach; RequireSession explains the refusal to anyone else. */
function ForRoles({ roles, page }: { roles: Parameters<typeof RequireSession>[0]['roles']; page: ReactElement }) {
  return <RequireSession roles={roles}>{page}</RequireSession>;
}

function Home() {
  const { claims } = useSignedIn();
  return <Navigate to={homeFor(claims)} replace />;
}

/** The unit itself fills F-01; everyone else reviews (evaluators score F-02 there). */
function UnitAssessment() {
  const { cycleId = '', unitId = '' } = useParams();
  const { claims } = useSignedIn();
  if (claims.role === 'skpd-operator') {
    return claims.unitId === unitId ? (
      <SelfAssessmentPage cycleId={cycleId} unitId={unitId} />
    ) : (
      <p role="alert">Anda hanya dapat membuka penilaian unit Anda sendiri.</p>
    );
  }
  return <UnitReviewPage cycleId={cycleId} unitId={unitId} />;
}

function NotFound() {
  const { session } = useSession();
  return (
    <main id="main" className="narrow">
      <h1>Halaman tidak ditemukan</h1>
      <p>
        <a href={session ? '/' : '/masuk'}>Kembali ke beranda</a>
      </p>
    </main>
  );
}
