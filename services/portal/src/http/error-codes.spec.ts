import { join } from 'node:path';
import { PLATFORM_ERRORS } from '@lib/platform';
import { describeErrorCatalogue } from '@lib/testing';
import { PORTAL_ERRORS } from './error-codes';

describeErrorCatalogue('portal', { source: [join(__dirname, '..')], codes: PORTAL_ERRORS, platform: PLATFORM_ERRORS });
