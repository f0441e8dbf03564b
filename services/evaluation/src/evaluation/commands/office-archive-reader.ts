import { open, type Entry, type ZipFile } from 'yauzl';
import { type ArchiveEntry, CONTENT_TYPES_PART, type OfficeArchive, type OfficeArchiveLimits, OFFICE_ARCHIVE_LIMITS } from '../domain';

/** `[Content_Types].xml` lists a few dozen parts; a larger one is not read, and the document is refused as not Office. */
const CONTENT_TYPES_MAX_BYTES = 1024 * 1024;

/** Why an archive could not be read: not a zip, a broken one, or an entry name with a path that escapes (yauzl refuses those). */
export class UnreadableArchiveError extends Error {}

const openZip = (path: string): Promise<ZipFile> =>
  new Promise((resolve, reject) =>
    open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true }, (error, zip) =>
      error ? reject(error) : resolve(zip),
    ),
  );

function readText(zip: ZipFile, entry: Entry, maxBytes: number): Promise<string | undefined> {
  if (entry.uncompressedSize > maxBytes) return Promise.resolve(undefined);
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(error);
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        // validateEntrySizes stops a stream that outgrows its declared size; this bounds it regardless
        if (size > maxBytes) stream.destroy(new UnreadableArchiveError(`${entry.fileName} is larger than it declares`));
        else chunks.push(chunk);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    }),
  );
}

/**
 * The directory of an Office document's zip (names and declared sizes) and its `[Content_Types].xml`,
 * read from the spooled upload. Nothing is extracted: only that one small part is inflated, in
 * memory and bounded; at most `maxEntries + 1` entries are listed, enough for the rules to refuse.
 */
export async function readOfficeArchive(path: string, limits: OfficeArchiveLimits = OFFICE_ARCHIVE_LIMITS): Promise<OfficeArchive> {
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (error) {
    throw new UnreadableArchiveError((error as Error).message);
  }
  try {
    const entries: ArchiveEntry[] = [];
    let contentTypes: string | undefined;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject);
      zip.on('end', resolve);
      zip.on('entry', (entry: Entry) => {
        entries.push({ name: entry.fileName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize, encrypted: entry.isEncrypted() });
        if (entries.length > limits.maxEntries) return resolve();
        if (entry.fileName !== CONTENT_TYPES_PART || entry.isEncrypted()) return zip.readEntry();
        readText(zip, entry, CONTENT_TYPES_MAX_BYTES).then((text) => {
          contentTypes = text;
          zip.readEntry();
        }, reject);
      });
      zip.readEntry();
    });
    return { entries, contentTypes };
  } catch (error) {
    throw error instanceof UnreadableArchiveError ? error : new UnreadableArchiveError((error as Error).message);
  } finally {
    zip.close();
  }
}
