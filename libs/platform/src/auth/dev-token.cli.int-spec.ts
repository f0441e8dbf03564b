import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { jwtVerify } from 'jose';
import { DEFAULT_DEV_SIGNING_SECRET, DEV_AUDIENCE, DEV_ISSUER } from './auth.config';
import { DEV_USERS } from './dev-issuer';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..', '..');

// `npm start` and the README's curl examples get their tokens from this command, which runs the CLI
// under plain ts-node, without the @lib path aliases: anything it imports must resolve without them.
describe('npm run dev-token', () => {
  it('prints a token the dev verifier accepts for the named seeded user', async () => {
    const env = { ...process.env, NODE_ENV: 'development', AUTH_DEV_SIGNING_SECRET: '' };
    const { stdout } = await run('npm', ['run', '--silent', 'dev-token', '--', 'operator-disdukcapil'], { cwd: ROOT, env });
    const { payload } = await jwtVerify(stdout.trim(), new TextEncoder().encode(DEFAULT_DEV_SIGNING_SECRET), { issuer: DEV_ISSUER, audience: DEV_AUDIENCE });
    expect(payload.sub).toBe(DEV_USERS['operator-disdukcapil'].subject);
  }, 60_000);
});
