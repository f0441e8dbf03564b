import type { DuplicateCheck } from '../domain';
import { clientFingerprint, duplicateCheck, RESEND_WINDOW_MS, type SubmittingClient } from './duplicate-check';

const SECRET = 'a-test-secret-of-at-least-thirty-two-chars';
const client: SubmittingClient = { address: '203.0.113.7', userAgent: 'Mozilla/5.0 (Linux; Android 10; K)' };
const answers = [
  { code: 'U1', value: 4 },
  { code: 'U2', value: 3 },
];
const at = (ms: number): Date => new Date(Date.UTC(2026, 10, 23, 2, 0, 0) + ms);

const fingerprint = (check: DuplicateCheck): string => {
  if (check.kind !== 'device') throw new Error('expected a device fingerprint');
  return check.fingerprint;
};

describe('duplicateCheck', () => {
  const base = duplicateCheck(SECRET, 'srv-1', client, answers, 'Antrian lama', at(0));

  it.each<[string, DuplicateCheck, boolean]>([
    ['answers in another order', duplicateCheck(SECRET, 'srv-1', client, [...answers].reverse(), 'Antrian lama', at(0)), true],
    ['the suggestion in other case and spacing', duplicateCheck(SECRET, 'srv-1', client, answers, '  antrian LAMA ', at(0)), true],
    ['another answer', duplicateCheck(SECRET, 'srv-1', client, [answers[0], { code: 'U2', value: 4 }], 'Antrian lama', at(0)), false],
    ['another address', duplicateCheck(SECRET, 'srv-1', { ...client, address: '203.0.113.8' }, answers, 'Antrian lama', at(0)), false],
    ['another browser', duplicateCheck(SECRET, 'srv-1', { ...client, userAgent: 'Firefox' }, answers, 'Antrian lama', at(0)), false],
    ['another survey', duplicateCheck(SECRET, 'srv-2', client, answers, 'Antrian lama', at(0)), false],
    ['another secret', duplicateCheck(`${SECRET}!`, 'srv-1', client, answers, 'Antrian lama', at(0)), false],
  ])('%s → same fingerprint: %s', (_, other, same) => {
    expect(fingerprint(other) === fingerprint(base)).toBe(same);
  });

  it('reaches one window back, so a resend across a window boundary is caught', () => {
    const next = duplicateCheck(SECRET, 'srv-1', client, answers, 'Antrian lama', at(RESEND_WINDOW_MS));
    expect(next).toEqual({ kind: 'device', fingerprint: expect.not.stringMatching(fingerprint(base)), earlierFingerprints: [fingerprint(base)] });
  });

  it('uses the form token instead of the device when the form sent one, keyed per survey', () => {
    const withToken = (surveyId: string, token: string) => duplicateCheck(SECRET, surveyId, { ...client, respondentToken: token }, answers, '', at(0));
    const first = withToken('srv-1', 'token-0123456789ab');
    expect(first.kind).toBe('respondent');
    expect(withToken('srv-1', 'token-0123456789ab')).toEqual(first);
    expect(withToken('srv-2', 'token-0123456789ab')).not.toEqual(first);
    expect(JSON.stringify(first)).not.toContain('token-0123456789ab');
    expect(withToken('srv-1', '  ').kind).toBe('device');
  });

  it('never contains the address', () => {
    expect(JSON.stringify(base)).not.toContain('203.0.113.7');
  });
});

describe('clientFingerprint', () => {
  const base = clientFingerprint(SECRET, 'f03-kota/pekppp-2026/dinkes', client);

  it.each<[string, string, boolean]>([
    ['the same client in the same collection', clientFingerprint(SECRET, 'f03-kota/pekppp-2026/dinkes', { ...client, respondentToken: 'x'.repeat(16) }), true],
    ['another collection: not linkable across collections', clientFingerprint(SECRET, 'f03-kota/pekppp-2026/dukcapil', client), false],
    ['another address', clientFingerprint(SECRET, 'f03-kota/pekppp-2026/dinkes', { ...client, address: '203.0.113.8' }), false],
    ['another user agent', clientFingerprint(SECRET, 'f03-kota/pekppp-2026/dinkes', { ...client, userAgent: 'curl/8.5' }), false],
    ['another secret', clientFingerprint(`${SECRET}-rotated`, 'f03-kota/pekppp-2026/dinkes', client), false],
  ])('%s', (_name, other, same) => {
    expect(other === base).toBe(same);
  });

  it('holds no part of the address', () => {
    expect(base).not.toContain('203');
    expect(base).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
