/** Injection token of the portal's validated settings (PortalSettings). */
export const PORTAL_SETTINGS = Symbol('PORTAL_SETTINGS');
