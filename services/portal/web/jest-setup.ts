import { TextDecoder, TextEncoder } from 'node:util';

// Every browser the portal supports has these; jsdom does not provide them.
Object.assign(globalThis, { TextEncoder, TextDecoder });
