import type { ReactNode } from 'react';

/** Citizens' pages: no staff navigation, large touch targets, nothing that needs a sign-in. */
export function PublicLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="public">
      <header className="public-header">
        <span className="brand">Pantau</span> <span className="muted">Layanan publik</span>
      </header>
      <main id="main" className="narrow">
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
