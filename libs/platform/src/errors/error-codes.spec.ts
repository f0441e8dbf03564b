import { join } from 'node:path';
import { describeErrorCatalogue } from '@lib/testing';
import { PLATFORM_ERRORS } from './error-codes';
import { FIELD_RULE_MESSAGES } from './field-rules';

const repository = join(__dirname, '../../../..');

describeErrorCatalogue('platform', {
  source: [join(repository, 'libs')],
  raisedIn: [join(repository, 'libs'), join(repository, 'services')],
  codes: PLATFORM_ERRORS,
  fieldRules: FIELD_RULE_MESSAGES,
  builtAtRunTime: (code) => code === 'INTERNAL' || code.startsWith('HTTP.'),
});
