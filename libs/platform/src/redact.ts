/**
 * A citizen's tracking code is a bearer secret: whoever holds it follows the request. It travels in
 * the path (`/public/requests/<code>`, the portal's `/lacak/<code>`), so every path that reaches a log
 * goes through here first.
 */
const BEARER_SEGMENTS = /(\/(?:public\/requests|lacak)\/)[^/?#]+/gi;

export const redactBearerSecrets = (path: string): string => path.replace(BEARER_SEGMENTS, '$1[disamarkan]');
