import { createHash } from 'node:crypto';

// The Merkle tree of RFC 9162 §2.1 (Certificate Transparency v2, hashes as in RFC 6962): leaves hashed
// with a 0x00 prefix, interior nodes with 0x01, a tree of n leaves split at the largest power of two
// below n. Kept to the RFC's letter so that anyone can check a proof with their own implementation.

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

export const HASH_BYTES = 32;

/** MTH of the empty tree: SHA-256 of nothing. */
export const EMPTY_TREE_ROOT: Buffer = createHash('sha256').digest();

export const leafHash = (entry: Uint8Array): Buffer => createHash('sha256').update(LEAF_PREFIX).update(entry).digest();

export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer => createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();

/** Leaves [start, end) of a tree. */
export interface LeafRange {
  start: number;
  end: number;
}

/**
 * A complete subtree of 2^level leaves, the index-th of its level: leaves [index·2^level, (index+1)·2^level).
 * Every range the proofs need is made of these, so a store that keeps them answers any proof in O(log² n) reads.
 */
export interface PerfectSubtree {
  level: number;
  index: number;
}

function assertSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}

/** The largest power of two strictly below n (n ≥ 2): where the RFC splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The complete subtrees whose roots, combined as the RFC's recursion does, give the MTH of `range`. */
export function perfectSubtreesOf(range: LeafRange): PerfectSubtree[] {
  const size = range.end - range.start;
  if (size <= 0) return [];
  if ((size & (size - 1)) === 0 && range.start % size === 0) return [{ level: Math.log2(size), index: range.start / size }];
  const k = splitPoint(size);
  return [...perfectSubtreesOf({ start: range.start, end: range.start + k }), ...perfectSubtreesOf({ start: range.start + k, end: range.end })];
}

/** MTH(D[start:end]) from the hashes of complete subtrees (`subtree` answers each one `perfectSubtreesOf` names). */
export function rangeRoot(range: LeafRange, subtree: (node: PerfectSubtree) => Buffer): Buffer {
  const size = range.end - range.start;
  if (size <= 0) return EMPTY_TREE_ROOT;
  if ((size & (size - 1)) === 0 && range.start % size === 0) return subtree({ level: Math.log2(size), index: range.start / size });
  const k = splitPoint(size);
  return nodeHash(rangeRoot({ start: range.start, end: range.start + k }, subtree), rangeRoot({ start: range.start + k, end: range.end }, subtree));
}

/** The ranges whose roots form the inclusion proof of leaf `index` in a tree of `size` leaves (RFC 9162 §2.1.3.1), leaf side first. */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  assertSize('size', size);
  assertSize('index', index);
  if (index >= size) throw new RangeError(`leaf ${index} is not in a tree of ${size} leaves`);
  const path = (m: number, start: number, end: number): LeafRange[] => {
    if (end - start <= 1) return [];
    const k = splitPoint(end - start);
    return m < k ? [...path(m, start, start + k), { start: start + k, end }] : [...path(m - k, start + k, end), { start, end: start + k }];
  };
  return path(index, 0, size);
}

/** The ranges whose roots form the consistency proof from a tree of `first` leaves to one of `second` (RFC 9162 §2.1.4.1). */
export function consistencyProofRanges(first: number, second: number): LeafRange[] {
  assertSize('first', first);
  assertSize('second', second);
  if (first > second) throw new RangeError(`a tree of ${first} leaves cannot grow into one of ${second}`);
  if (first === 0 || first === second) return [];
  const subproof = (m: number, start: number, end: number, completeFirst: boolean): LeafRange[] => {
    if (m === end - start) return completeFirst ? [] : [{ start, end }];
    const k = splitPoint(end - start);
    return m <= k
      ? [...subproof(m, start, start + k, completeFirst), { start: start + k, end }]
      : [...subproof(m - k, start + k, end, false), { start, end: start + k }];
  };
  return subproof(first, 0, second, true);
}

const isOdd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

/** The RFC's "right-shift fn and sn equally until LSB(fn) is set or fn is 0", shared by both verifications. */
function upToRightChild(fn: number, sn: number): [number, number] {
  while (!isOdd(fn) && fn !== 0) [fn, sn] = [half(fn), half(sn)];
  return [fn, sn];
}

/** RFC 9162 §2.1.3.2: does `proof` put the leaf with hash `leaf` at `index` of the tree of `size` leaves whose root is `root`? */
export function verifyInclusion(leaf: Uint8Array, index: number, size: number, proof: readonly Uint8Array[], root: Uint8Array): boolean {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      r = nodeHash(p, r);
      [fn, sn] = upToRightChild(fn, sn);
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2: does `proof` show that the tree of `second` leaves with root `secondRoot` extends the one of `first` leaves with root `firstRoot`? */
export function verifyConsistency(first: number, second: number, firstRoot: Uint8Array, secondRoot: Uint8Array, proof: readonly Uint8Array[]): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second) return false;
  if (first === second) return proof.length === 0 && Buffer.from(firstRoot).equals(secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]);
  let sr: Buffer = Buffer.from(path[0]);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (isOdd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      [fn, sn] = upToRightChild(fn, sn);
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return fr.equals(firstRoot) && sr.equals(secondRoot) && sn === 0;
}

/**
 * The right edge of a growing tree: the roots of its complete subtrees, largest first. Appending a
 * leaf completes subtrees (returned, for a store to keep); the root of every size is at hand without
 * keeping the leaves, so a verifier streams millions of entries in constant memory.
 */
export class MerkleFrontier {
  private readonly peaks: { level: number; hash: Buffer }[] = [];
  private leaves = 0;

  get size(): number {
    return this.leaves;
  }

  /** Adds a leaf hash; returns the complete subtrees this leaf completed, the leaf itself (level 0) first. */
  append(leaf: Buffer): (PerfectSubtree & { hash: Buffer })[] {
    const completed: (PerfectSubtree & { hash: Buffer })[] = [{ level: 0, index: this.leaves, hash: leaf }];
    let carry = { level: 0, hash: leaf };
    let position = this.leaves;
    while (this.peaks.length > 0 && this.peaks[this.peaks.length - 1].level === carry.level) {
      const left = this.peaks.pop() as { level: number; hash: Buffer };
      carry = { level: carry.level + 1, hash: nodeHash(left.hash, carry.hash) };
      position = Math.floor(position / 2);
      completed.push({ level: carry.level, index: position, hash: carry.hash });
    }
    this.peaks.push(carry);
    this.leaves += 1;
    return completed;
  }

  /** MTH of the leaves appended so far. */
  root(): Buffer {
    if (this.peaks.length === 0) return EMPTY_TREE_ROOT;
    let root = this.peaks[this.peaks.length - 1].hash;
    for (let i = this.peaks.length - 2; i >= 0; i -= 1) root = nodeHash(this.peaks[i].hash, root);
    return root;
  }
}
