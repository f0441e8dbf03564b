import { ApiError, networkProblem, problemFrom } from './problem';

export type Method = 'GET' | 'POST' | 'PUT';

export interface CallOptions {
  method?: Method;
  /** Sent as JSON, or as multipart when a FormData. */
  body?: unknown;
  token?: string | null;
  /** Raw response instead of JSON (QR images, evidence downloads). */
  raw?: boolean;
}

/** A fresh key per user action: a network retry of the same action is then recorded once by the service. */
export const newIdempotencyKey = (): string => crypto.randomUUID();

/**
 * Calls the portal's same-origin API (`/api/<service>/…`, `/auth/…`). Changes carry an
 * Idempotency-Key; failures throw ApiError with the server's problem details.
 */
export async function call<T>(path: string, { method = 'GET', body, token, raw }: CallOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (method !== 'GET') headers['Idempotency-Key'] = newIdempotencyKey();
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload });
  } catch {
    throw new ApiError(networkProblem());
  }
  if (!response.ok) throw new ApiError(await problemFrom(response));
  if (raw) return response as T;
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
