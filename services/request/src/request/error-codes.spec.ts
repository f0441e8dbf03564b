import { join } from 'node:path';
import { PLATFORM_ERRORS } from '@lib/platform';
import { describeErrorCatalogue } from '@lib/testing';
import { DomainError, REQUEST_ERRORS } from './domain/error-codes';
import { REQUEST_FIELD_RULES } from './domain/field-rules';

describeErrorCatalogue('request', { source: [join(__dirname, '..')], codes: REQUEST_ERRORS, fieldRules: REQUEST_FIELD_RULES, platform: PLATFORM_ERRORS });

describe('the request DomainError', () => {
  it('takes only catalogued codes: a typo does not compile', () => {
    // @ts-expect-error 'REQUEST.NOT_FUOND' is not a request code; `npm run typecheck` fails once this compiles
    const typo = new DomainError('REQUEST.NOT_FUOND', 'typo');
    expect(typo.code in REQUEST_ERRORS).toBe(false);
  });
});
