import { newOneTimeCode, normalizeOneTimeCode } from './respondent-proofs';

describe('one-time codes', () => {
  it('prints ten unambiguous characters as two groups of five', () => {
    for (let i = 0; i < 200; i++) expect(newOneTimeCode()).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it('does not repeat itself', () => {
    const codes = new Set(Array.from({ length: 1000 }, newOneTimeCode));
    expect(codes.size).toBe(1000);
  });

  it.each<[string, string, string]>([
    ['as printed', 'K7M2Q-9XW4H', 'K7M2Q9XW4H'],
    ['in lower case', 'k7m2q-9xw4h', 'K7M2Q9XW4H'],
    ['without the dash', 'K7M2Q9XW4H', 'K7M2Q9XW4H'],
    ['with spaces', ' K7M2Q 9XW4H ', 'K7M2Q9XW4H'],
  ])('reads a code typed %s', (_name, typed, normalized) => {
    expect(normalizeOneTimeCode(typed)).toBe(normalized);
  });
});
