/**
 * The codes the portal raises itself (its proxy and the static web app), with what a person reads:
 * Indonesian, like the services' catalogues. The services' own problems pass through untouched.
 */
export const PORTAL_ERRORS = {
  'PORTAL.UPSTREAM_TIMEOUT': 'Layanan terlalu lama menjawab. Silakan coba lagi.',
  'PORTAL.UPSTREAM_UNAVAILABLE': 'Layanan sedang tidak dapat dihubungi. Silakan coba lagi beberapa saat lagi.',
  'PORTAL.WEB_APP_NOT_BUILT': 'Aplikasi portal belum siap digunakan. Silakan hubungi admin.',
} satisfies Record<`${string}.${string}`, string>;

export type PortalErrorCode = keyof typeof PORTAL_ERRORS;
