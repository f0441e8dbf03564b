import { startTracing } from '@lib/platform/tracing';

// Imported first by main.ts: the instrumentations must be in place before the modules they patch load.
startTracing('pantau-survey');
