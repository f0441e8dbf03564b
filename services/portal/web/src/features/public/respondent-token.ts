/**
 * The anonymous token a respondent's browser keeps per survey, so the survey service can accept one
 * response per respondent without knowing who they are. 24 random bytes, base64url: 32 characters
 * of [A-Za-z0-9_-], as the service expects.
 */
export function newRespondentToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

const keyFor = (publicLinkId: string) => `pantau.skm.respondent.${publicLinkId}`;

/** Storage that may refuse (private browsing, disabled storage): then the token lives as long as the page. */
function remember(storage: Storage, key: string, token: string): void {
  try {
    storage.setItem(key, token);
  } catch {
    // not persisted: a reload makes a new token, which the service's other duplicate checks still cover
  }
}

/** This browser's token for the survey, made on first use. */
export function respondentTokenFor(publicLinkId: string, storage: Storage = localStorage): string {
  let existing: string | null = null;
  try {
    existing = storage.getItem(keyFor(publicLinkId));
  } catch {
    existing = null;
  }
  if (existing && /^[A-Za-z0-9_-]{32}$/.test(existing)) return existing;
  const token = newRespondentToken();
  remember(storage, keyFor(publicLinkId), token);
  return token;
}

/** A kiosk (one device, many respondents) starts each respondent with a fresh token. */
export function renewRespondentToken(publicLinkId: string, storage: Storage = localStorage): string {
  const token = newRespondentToken();
  remember(storage, keyFor(publicLinkId), token);
  return token;
}
