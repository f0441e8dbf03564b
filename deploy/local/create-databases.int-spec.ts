import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { databaseUrl, testServerUrl } from '@lib/testing';
import { Client } from 'pg';

interface DatabaseSetup {
  ensureRole(client: Client, role: string, password?: string): Promise<void>;
  scramSha256Verifier(password: string): string;
}
interface ScramSession {
  clientNonce: string;
  response: string;
}
interface ScramClient {
  startSession(mechanisms: string[]): ScramSession;
  continueSession(session: ScramSession, password: string, serverFirstMessage: string): Promise<void>;
  finalizeSession(session: ScramSession, serverFinalMessage: string): void;
}

const load = createRequire(__filename);
const setup = load('./create-databases.js') as DatabaseSetup;
const scram = load('pg/lib/crypto/sasl') as ScramClient;

/**
 * A SCRAM-SHA-256 login (RFC 5802) as the server answers it from the stored verifier alone, with
 * node-postgres's own client side: the test server trusts local connections, so a real login would
 * accept any password.
 */
async function logsIn(verifier: string, password: string): Promise<boolean> {
  const [, parameters, keys] = verifier.split('$');
  const [iterations, salt] = parameters.split(':');
  const [storedKey, serverKey] = keys.split(':').map((key) => Buffer.from(key, 'base64'));
  const session = scram.startSession(['SCRAM-SHA-256']);
  const serverFirst = `r=${session.clientNonce}${randomBytes(18).toString('base64')},s=${salt},i=${iterations}`;
  await scram.continueSession(session, password, serverFirst);
  const [, withoutProof, proof] = /^(.*),p=([^,]+)$/.exec(session.response)!;
  const authMessage = `n=*,r=${session.clientNonce},${serverFirst},${withoutProof}`;
  const clientSignature = createHmac('sha256', storedKey).update(authMessage).digest();
  const clientKey = Buffer.from(proof, 'base64').map((byte, i) => byte ^ clientSignature[i]);
  if (!createHash('sha256').update(clientKey).digest().equals(storedKey)) return false;
  scram.finalizeSession(session, `v=${createHmac('sha256', serverKey).update(authMessage).digest('base64')}`);
  return true;
}

describe('the application role set up by create-databases.js', () => {
  const role = `pantau_setup_${randomBytes(4).toString('hex')}`;
  const password = `Pw-${randomBytes(12).toString('base64url')}`;
  let admin: Client;
  const sent: string[] = [];

  beforeAll(async () => {
    admin = new Client({ connectionString: databaseUrl(testServerUrl(), 'postgres') });
    await admin.connect();
    const query = admin.query.bind(admin) as (text: string, values?: unknown[]) => Promise<unknown>;
    admin.query = ((text: string, values?: unknown[]) => {
      sent.push(`${text} ${JSON.stringify(values ?? [])}`);
      return query(text, values);
    }) as typeof admin.query;
  });
  afterAll(async () => {
    await admin.query(`DROP ROLE IF EXISTS ${role}`);
    await admin.end();
  });

  const storedVerifier = async (): Promise<string> =>
    ((await admin.query(`SELECT rolpassword FROM pg_authid WHERE rolname = $1`, [role])) as { rows: { rolpassword: string }[] }).rows[0].rolpassword;

  it.each([
    ['created', async () => setup.ensureRole(admin, role, password)],
    ['given a new password', async () => setup.ensureRole(admin, role, `${password}-rotated`)],
  ])('can log in with its password once %s, which never reached the server in plain text', async (what, act) => {
    const expected = what === 'created' ? password : `${password}-rotated`;
    sent.length = 0;
    await act();
    const verifier = await storedVerifier();
    expect(verifier).toMatch(/^SCRAM-SHA-256\$4096:[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}:[A-Za-z0-9+/=]{44}$/);
    expect(sent.some((statement) => statement.includes(verifier))).toBe(true);
    expect(sent.filter((statement) => statement.includes(expected))).toEqual([]);
    await expect(logsIn(verifier, expected)).resolves.toBe(true);
    await expect(logsIn(verifier, `${expected}x`)).resolves.toBe(false);
  });

  it('refuses a password that clients would prepare differently from the verifier', () => {
    expect(() => setup.scramSha256Verifier('kata sandi ＡＢＣ')).toThrow('printable ASCII');
  });
});
