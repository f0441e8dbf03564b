import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { SessionProvider } from './auth/session';

/** A token with the given Pantau claims; unsigned, which is all the web app reads (the services verify). */
export function fakeToken(claims: Record<string, unknown>): string {
  const encode = (value: object) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}.signature`;
}

export const ADMIN = { sub: 'dev-admin-orpeg', name: 'Rahmah', pantau_role: 'admin', pantau_tenant: 'kota-banjarmasin', pantau_unit: 'bagian-organisasi' };
export const EVALUATOR = {
  sub: 'dev-evaluator-1',
  name: 'Evaluator',
  pantau_role: 'evaluator',
  pantau_tenant: 'kota-banjarmasin',
  pantau_units: ['disdukcapil'],
};
export const AUDITOR = { sub: 'dev-auditor', name: 'Auditor', pantau_role: 'auditor', pantau_tenant: 'kota-banjarmasin', pantau_unit: 'inspektorat' };
export const OPERATOR = {
  sub: 'dev-operator-disdukcapil',
  name: 'Operator',
  pantau_role: 'skpd-operator',
  pantau_tenant: 'kota-banjarmasin',
  pantau_unit: 'disdukcapil',
};
/** KemenPAN-RB: its own tenant holds no cycles, so it names the Pemda it reads. */
export const NATIONAL_AUDITOR = { sub: 'dev-national-auditor', name: 'Auditor KemenPAN-RB', pantau_role: 'national-auditor', pantau_tenant: 'kemenpanrb' };

interface FakeAnswer {
  status: number;
  body?: unknown;
  contentType?: string;
}

export interface RecordedCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/**
 * Replaces fetch with a router over `answers` (first matching "METHOD path" prefix wins) and
 * records every call, so a test can check what the screen sent.
 */
export function fakeFetch(answers: Record<string, FakeAnswer | ((call: RecordedCall) => FakeAnswer)>): RecordedCall[] {
  const calls: RecordedCall[] = [];
  globalThis.fetch = jest.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = init.method ?? 'GET';
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body;
    const call: RecordedCall = { url, method, headers: { ...(init.headers as Record<string, string>) }, body };
    calls.push(call);
    const key = Object.keys(answers).find((candidate) => `${method} ${url}`.startsWith(candidate));
    if (!key) throw new Error(`unexpected ${method} ${url}`);
    const answer = answers[key];
    const { status, body: answerBody, contentType = 'application/json' } = typeof answer === 'function' ? answer(call) : answer;
    const text = answerBody === undefined ? '' : JSON.stringify(answerBody);
    return {
      ok: status >= 200 && status < 300,
      status,
      statusText: '',
      headers: { get: (name: string) => (name.toLowerCase() === 'content-type' ? contentType : null) },
      text: async () => text,
      json: async () => JSON.parse(text),
    } as unknown as Response;
  }) as typeof fetch;
  return calls;
}

/**
 * A service's problem+json answer; `title` is the Indonesian message its catalogue has for `code`,
 * `details` what a DomainError carries for the client (e.g. the level a proposal moved to).
 */
export const problem = (
  status: number,
  code: string,
  detail: string,
  errors?: { field: string; rule: string; message: string }[],
  title = 'Permintaan tidak dapat diproses.',
  details?: Record<string, unknown>,
) => ({
  status,
  contentType: 'application/problem+json',
  body: { type: 'about:blank', title, status, code, detail, correlationId: 'corr-test-1', errors, details },
});

/**
 * Renders `element` at `path` (matched by `pattern`) with the app's providers, signed in when
 * `claims` are given; `otherRoutes` are where the screen may navigate to.
 */
export function renderAt(
  element: ReactElement,
  {
    path,
    pattern = path,
    claims,
    otherRoutes = {},
  }: { path: string; pattern?: string; claims?: Record<string, unknown>; otherRoutes?: Record<string, ReactElement> },
): RenderResult {
  sessionStorage.clear();
  if (claims) sessionStorage.setItem('pantau.accessToken', fakeToken(claims));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route path={pattern} element={element} />
            {Object.entries(otherRoutes).map(([other, page]) => (
              <Route key={other} path={other} element={page} />
            ))}
          </Routes>
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}
