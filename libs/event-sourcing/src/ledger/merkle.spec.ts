import {
  EMPTY_TREE_ROOT,
  type LeafRange,
  MerkleFrontier,
  type PerfectSubtree,
  consistencyProofRanges,
  inclusionProofRanges,
  leafHash,
  nodeHash,
  perfectSubtreesOf,
  rangeRoot,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

const unhex = (hex: string): Buffer => Buffer.from(hex, 'hex');
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

// The Certificate Transparency reference tree (RFC 6962's test data, the same hashing as RFC 9162 §2.1).
const CT_ENTRIES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(unhex);
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** MTH straight from the RFC's definition, over the leaf hashes: what everything else is checked against. */
function referenceRoot(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_TREE_ROOT;
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHash(referenceRoot(leaves.slice(0, k)), referenceRoot(leaves.slice(k)));
}

const subtreesOf =
  (leaves: readonly Buffer[]) =>
  ({ level, index }: PerfectSubtree): Buffer =>
    referenceRoot(leaves.slice(index * 2 ** level, (index + 1) * 2 ** level));
const proofOf = (ranges: LeafRange[], leaves: readonly Buffer[]): Buffer[] => ranges.map((range) => rangeRoot(range, subtreesOf(leaves)));

const LEAVES = Array.from({ length: 40 }, (_, i) => leafHash(Buffer.from(`event ${i}`)));
const CT_LEAVES = CT_ENTRIES.map(leafHash);

describe('Merkle tree of RFC 9162 §2.1', () => {
  it.each(CT_ROOTS.map((root, size) => ({ size, root })))('gives the reference root of the first $size CT entries', ({ size, root }) => {
    expect(hex(referenceRoot(CT_LEAVES.slice(0, size)))).toBe(root);
    expect(hex(rangeRoot({ start: 0, end: size }, subtreesOf(CT_LEAVES)))).toBe(root);
    const frontier = new MerkleFrontier();
    CT_LEAVES.slice(0, size).forEach((leaf) => frontier.append(leaf));
    expect(hex(frontier.root())).toBe(root);
  });

  it.each([
    {
      index: 0,
      proof: [
        '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
      ],
    },
    {
      index: 5,
      proof: [
        'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
        'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
        'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      ],
    },
  ])('gives the reference inclusion proof of leaf $index in the 8-entry CT tree', ({ index, proof }) => {
    expect(proofOf(inclusionProofRanges(index, 8), CT_LEAVES).map(hex)).toEqual(proof);
    expect(verifyInclusion(CT_LEAVES[index], index, 8, proof.map(unhex), unhex(CT_ROOTS[8]))).toBe(true);
  });

  it('proves every leaf of every tree size up to 40, and no proof verifies for another leaf, position or root', () => {
    for (let size = 1; size <= LEAVES.length; size += 1) {
      const leaves = LEAVES.slice(0, size);
      const root = referenceRoot(leaves);
      for (let index = 0; index < size; index += 1) {
        const proof = proofOf(inclusionProofRanges(index, size), leaves);
        expect(verifyInclusion(leaves[index], index, size, proof, root)).toBe(true);
        expect(verifyInclusion(leafHash(Buffer.from('forged')), index, size, proof, root)).toBe(false);
        expect(verifyInclusion(leaves[index], index, size, proof, referenceRoot([leafHash(Buffer.from('other')), ...leaves.slice(1)]))).toBe(false);
        if (size > 1) expect(verifyInclusion(leaves[index], (index + 1) % size, size, proof, root)).toBe(false);
        if (proof.length > 0) {
          const altered = proof.map((hash, i) => (i === proof.length - 1 ? leafHash(hash) : hash));
          expect(verifyInclusion(leaves[index], index, size, altered, root)).toBe(false);
        }
      }
    }
  });

  it('proves that every tree up to 40 leaves extends each smaller one, and nothing proves a rewritten history', () => {
    for (let second = 1; second <= LEAVES.length; second += 1) {
      const secondRoot = referenceRoot(LEAVES.slice(0, second));
      for (let first = 1; first <= second; first += 1) {
        const firstRoot = referenceRoot(LEAVES.slice(0, first));
        const proof = proofOf(consistencyProofRanges(first, second), LEAVES);
        expect(verifyConsistency(first, second, firstRoot, secondRoot, proof)).toBe(true);
        // The same second tree with one earlier leaf rewritten: its history does not extend the first.
        const rewritten = [...LEAVES.slice(0, second)];
        rewritten[first - 1] = leafHash(Buffer.from('rewritten'));
        const forgedProof = proofOf(consistencyProofRanges(first, second), rewritten);
        expect(verifyConsistency(first, second, firstRoot, referenceRoot(rewritten), forgedProof)).toBe(false);
        if (first < second) expect(verifyConsistency(first, second, firstRoot, secondRoot, proof.slice(1))).toBe(false);
      }
    }
  });

  it('refuses ranges outside the tree and a tree that shrinks', () => {
    expect(() => inclusionProofRanges(3, 3)).toThrow(RangeError);
    expect(() => consistencyProofRanges(5, 4)).toThrow(RangeError);
    expect(verifyInclusion(LEAVES[0], 0, 0, [], EMPTY_TREE_ROOT)).toBe(false);
    expect(verifyConsistency(5, 4, EMPTY_TREE_ROOT, EMPTY_TREE_ROOT, [])).toBe(false);
  });

  it('names the complete subtrees a range is made of, and the frontier hands out each one as it completes', () => {
    expect(perfectSubtreesOf({ start: 0, end: 7 })).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(perfectSubtreesOf({ start: 8, end: 16 })).toEqual([{ level: 3, index: 1 }]);
    const frontier = new MerkleFrontier();
    const completed = LEAVES.flatMap((leaf) => frontier.append(leaf));
    for (const node of completed) expect(hex(node.hash)).toBe(hex(subtreesOf(LEAVES)(node)));
    expect(completed.filter((node) => node.level === 3).map((node) => node.index)).toEqual([0, 1, 2, 3, 4]);
    expect(frontier.size).toBe(40);
    expect(hex(frontier.root())).toBe(hex(referenceRoot(LEAVES)));
  });
});
