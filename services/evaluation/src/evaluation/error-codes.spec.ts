import { join } from 'node:path';
import { PLATFORM_ERRORS } from '@lib/platform';
import { describeErrorCatalogue } from '@lib/testing';
import { DomainError, EVALUATION_ERRORS } from './domain/error-codes';
import { EVALUATION_FIELD_RULES } from './domain/field-rules';

describeErrorCatalogue('evaluation', {
  source: [join(__dirname, '..')],
  codes: EVALUATION_ERRORS,
  fieldRules: EVALUATION_FIELD_RULES,
  platform: PLATFORM_ERRORS,
});

describe('the evaluation DomainError', () => {
  it('takes only catalogued codes: a typo does not compile', () => {
    // @ts-expect-error 'CYCLE.NOT_FOND' is not an evaluation code; `npm run typecheck` fails once this compiles
    const typo = new DomainError('CYCLE.NOT_FOND', 'typo');
    expect(typo.code in EVALUATION_ERRORS).toBe(false);
  });
});
