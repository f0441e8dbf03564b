import type { Claims } from '../auth/claims';

export interface NavItem {
  to: string;
  label: string;
}

/** The menu of a signed-in user: what their role does, nothing they cannot open. */
export function navigationFor(claims: Pick<Claims, 'role'>): NavItem[] {
  switch (claims.role) {
    case 'admin':
      return [{ to: '/siklus', label: 'Siklus evaluasi & hasil' }];
    case 'skpd-operator':
      return [
        { to: '/unit', label: 'Penilaian mandiri (F-01)' },
        { to: '/skm', label: 'Survei kepuasan (SKM)' },
        { to: '/layanan', label: 'Permohonan & pengaduan' },
      ];
    case 'evaluator':
      return [{ to: '/penugasan', label: 'Unit penugasan (F-02)' }];
    case 'auditor':
    case 'national-auditor':
      return [{ to: '/siklus', label: 'Hasil evaluasi (baca saja)' }];
  }
}

/** Where a role lands after signing in. */
export const homeFor = (claims: Pick<Claims, 'role'>): string => navigationFor(claims)[0].to;
