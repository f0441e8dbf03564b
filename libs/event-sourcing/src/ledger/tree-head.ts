import { type KeyObject, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { HASH_BYTES } from './merkle';

/** The ledger's state at one moment: how many entries, their Merkle root, and when it was signed. */
export interface TreeHead {
  treeSize: number;
  rootHash: Buffer;
  /** Milliseconds since the epoch. */
  timestamp: number;
}

export interface SignedTreeHead extends TreeHead {
  /** Ed25519 signature over `treeHeadBytes(head)`. */
  signature: Buffer;
}

const TREE_HEAD_VERSION = 1;
const TREE_HEAD_BYTES = 1 + 8 + 8 + HASH_BYTES;

/**
 * What is signed, byte for byte (after RFC 9162's TreeHeadDataV2, without its extensions): a version
 * byte 0x01, the timestamp and the tree size as unsigned 64-bit big-endian integers, then the 32-byte
 * root. Fixed width, so two different heads never share bytes; the offline procedure in the README
 * rebuilds it with nothing but Buffer.
 */
export function treeHeadBytes(head: TreeHead): Buffer {
  if (head.rootHash.length !== HASH_BYTES) throw new RangeError(`a root hash has ${HASH_BYTES} bytes, got ${head.rootHash.length}`);
  if (!Number.isSafeInteger(head.treeSize) || head.treeSize < 0) throw new RangeError(`tree size must be a non-negative integer, got ${head.treeSize}`);
  if (!Number.isSafeInteger(head.timestamp) || head.timestamp < 0) throw new RangeError(`timestamp must be a non-negative integer, got ${head.timestamp}`);
  const bytes = Buffer.alloc(TREE_HEAD_BYTES);
  bytes.writeUInt8(TREE_HEAD_VERSION, 0);
  bytes.writeBigUInt64BE(BigInt(head.timestamp), 1);
  bytes.writeBigUInt64BE(BigInt(head.treeSize), 9);
  head.rootHash.copy(bytes, 17);
  return bytes;
}

/** Reads an Ed25519 private key (PKCS#8 PEM, as `openssl genpkey -algorithm ed25519` writes it) and refuses any other kind. */
export function ed25519PrivateKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the tree-head signing key must be Ed25519, got ${key.asymmetricKeyType ?? key.type}`);
  return key;
}

/** The public half of the signing key, as SPKI PEM: what the ledger publishes for offline verification. */
export const verificationKeyPem = (privateKey: KeyObject): string => createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();

export const signTreeHead = (head: TreeHead, privateKey: KeyObject): SignedTreeHead => ({
  ...head,
  signature: sign(null, treeHeadBytes(head), privateKey),
});

/** True when `head.signature` is the key's Ed25519 signature of this size, root and timestamp. */
export function verifyTreeHead(head: SignedTreeHead, publicKeyPem: string): boolean {
  const key = createPublicKey(publicKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') return false;
  try {
    return verify(null, treeHeadBytes(head), key, head.signature);
  } catch {
    return false;
  }
}
