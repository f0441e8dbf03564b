import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request } from 'express';
import { EVIDENCE_HEAD_BYTES, EVIDENCE_TAIL_BYTES } from '../domain';

/** An upload as the spool leaves it: on disk, hashed, with the bytes the content checks read. */
export interface SpooledEvidence {
  originalname: string;
  mimetype: string;
  /** The temporary file, removed when the response is done. */
  path: string;
  size: number;
  sha256: string;
  head: Buffer;
  tail: Buffer;
}

/** The part of multer's file an engine receives. */
interface IncomingFile {
  originalname: string;
  mimetype: string;
  stream: Readable;
}

type Done = (error: Error | null, info?: Partial<SpooledEvidence>) => void;

const removeQuietly = (path: string): Promise<void> => unlink(path).catch(() => undefined);

/**
 * A multer storage engine for evidence uploads: the bytes go to a private temporary file while their
 * sha256, first and last bytes are taken on the way, so an upload is never held whole in memory.
 * The file lives until the response is done, whatever the outcome (stored, refused, or the client gone).
 */
export class EvidenceUploadSpool {
  constructor(private readonly directory: string) {}

  _handleFile(req: Request, file: IncomingFile, done: Done): void {
    const path = join(this.directory, `pantau-evidence-${randomUUID()}`);
    req.res?.once('close', () => void removeQuietly(path));
    const hash = createHash('sha256');
    const heads: Buffer[] = [];
    let headLength = 0;
    let tail = Buffer.alloc(0);
    let size = 0;
    const sample = new Transform({
      transform(chunk: Buffer, _encoding, next) {
        hash.update(chunk);
        size += chunk.length;
        if (headLength < EVIDENCE_HEAD_BYTES) {
          const taken = chunk.subarray(0, EVIDENCE_HEAD_BYTES - headLength);
          heads.push(taken);
          headLength += taken.length;
        }
        tail = Buffer.concat([tail, chunk]).subarray(-EVIDENCE_TAIL_BYTES);
        next(null, chunk);
      },
    });
    pipeline(file.stream, sample, createWriteStream(path, { flags: 'wx', mode: 0o600 })).then(
      () => done(null, { path, size, sha256: hash.digest('hex'), head: Buffer.concat(heads), tail }),
      (error: Error) => void removeQuietly(path).then(() => done(error)),
    );
  }

  _removeFile(_req: Request, file: Partial<SpooledEvidence>, done: (error: Error | null) => void): void {
    if (!file.path) return done(null);
    void removeQuietly(file.path).then(() => done(null));
  }
}
