import { redactBearerSecrets } from './redact';

describe('redactBearerSecrets', () => {
  it.each([
    ['a tracking code in the service path', '/public/requests/PTN-ABCDEFGHJK', '/public/requests/[disamarkan]'],
    ['a tracking code behind the portal', '/api/request/public/requests/PTN-ABCDEFGHJK', '/api/request/public/requests/[disamarkan]'],
    ["the portal's tracking page", '/lacak/PTN-ABCDEFGHJK', '/lacak/[disamarkan]'],
    ['a query after the code', '/public/requests/PTN-ABCDEFGHJK?x=1', '/public/requests/[disamarkan]?x=1'],
    ['a path without a secret', '/cycles/c-1/units/disdukcapil/assessment', '/cycles/c-1/units/disdukcapil/assessment'],
    ['the tracking page without a code', '/lacak', '/lacak'],
  ])('%s', (_name, path, logged) => {
    expect(redactBearerSecrets(path)).toBe(logged);
  });
});
