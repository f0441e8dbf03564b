import { join } from 'node:path';
import { PLATFORM_ERRORS } from '@lib/platform';
import { describeErrorCatalogue } from '@lib/testing';
import { DomainError, SURVEY_ERRORS } from './domain/error-codes';
import { SURVEY_FIELD_RULES } from './domain/field-rules';

describeErrorCatalogue('survey', { source: [join(__dirname, '..')], codes: SURVEY_ERRORS, fieldRules: SURVEY_FIELD_RULES, platform: PLATFORM_ERRORS });

describe('the survey DomainError', () => {
  it('takes only catalogued codes: a code of another context does not compile', () => {
    // @ts-expect-error 'REQUEST.NOT_FOUND' belongs to the request context; `npm run typecheck` fails once this compiles
    const foreign = new DomainError('REQUEST.NOT_FOUND', 'foreign');
    expect(foreign.code in SURVEY_ERRORS).toBe(false);
  });
});
