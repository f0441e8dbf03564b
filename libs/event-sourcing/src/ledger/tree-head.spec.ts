import { generateKeyPairSync } from 'node:crypto';
import { leafHash } from './merkle';
import { ed25519PrivateKey, signTreeHead, treeHeadBytes, verificationKeyPem, verifyTreeHead } from './tree-head';

const pem = (): string => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const root = leafHash(Buffer.from('root'));

describe('signed tree heads', () => {
  it('lays out version, timestamp, size and root at fixed offsets, big-endian', () => {
    const bytes = treeHeadBytes({ treeSize: 258, rootHash: root, timestamp: 1_765_000_000_000 });
    expect(bytes).toHaveLength(49);
    expect(bytes[0]).toBe(1);
    expect(bytes.readBigUInt64BE(1)).toBe(1_765_000_000_000n);
    expect(bytes.subarray(9, 17).toString('hex')).toBe('0000000000000102');
    expect(bytes.subarray(17).equals(root)).toBe(true);
  });

  it('verifies with the published key, and fails for another size, root, timestamp or key', () => {
    const key = ed25519PrivateKey(pem());
    const head = signTreeHead({ treeSize: 10, rootHash: root, timestamp: 1_765_000_000_000 }, key);
    const published = verificationKeyPem(key);
    expect(verifyTreeHead(head, published)).toBe(true);
    expect(verifyTreeHead({ ...head, treeSize: 11 }, published)).toBe(false);
    expect(verifyTreeHead({ ...head, rootHash: leafHash(Buffer.from('other')) }, published)).toBe(false);
    expect(verifyTreeHead({ ...head, timestamp: head.timestamp + 1 }, published)).toBe(false);
    expect(verifyTreeHead(head, verificationKeyPem(ed25519PrivateKey(pem())))).toBe(false);
    expect(verifyTreeHead({ ...head, signature: Buffer.alloc(3) }, published)).toBe(false);
  });

  it.each([
    { name: 'an RSA key', key: () => generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    { name: 'an EC key', key: () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
  ])('refuses $name as the signing key', ({ key }) => {
    expect(() => ed25519PrivateKey(key())).toThrow(/must be Ed25519/);
  });

  it.each([
    { head: { treeSize: -1, rootHash: root, timestamp: 0 }, error: /tree size/ },
    { head: { treeSize: 1.5, rootHash: root, timestamp: 0 }, error: /tree size/ },
    { head: { treeSize: 1, rootHash: Buffer.alloc(31), timestamp: 0 }, error: /32 bytes/ },
    { head: { treeSize: 1, rootHash: root, timestamp: -5 }, error: /timestamp/ },
  ])('refuses a malformed head ($error)', ({ head, error }) => {
    expect(() => treeHeadBytes(head)).toThrow(error);
  });
});
