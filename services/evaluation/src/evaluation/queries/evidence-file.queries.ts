import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { evidenceDownloadName } from '@lib/kernel';
import { DomainError } from '../domain/error-codes';
import { EvidenceFileStore, storageKeyOf } from '../commands/evidence-file-store';

/** A file ready to send: what the headers say, and its bytes as they are read and checked. */
export interface EvidenceDownload {
  mediaType: string;
  sizeBytes: number;
  /** The server's name for it (the stem the unit gave, the extension of the stored type). */
  fileName: string;
  content: AsyncIterable<Buffer>;
}

export class GetEvidenceFileQuery extends Query<EvidenceDownload> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId: string,
    readonly sha256: string,
  ) {
    super();
  }
}

@QueryHandler(GetEvidenceFileQuery)
export class GetEvidenceFileHandler implements IQueryHandler<GetEvidenceFileQuery> {
  constructor(private readonly files: EvidenceFileStore) {}

  async execute({ tenantId, cycleId, unitId, sha256 }: GetEvidenceFileQuery): Promise<EvidenceDownload> {
    const file = await this.files.findForUnit({ tenantId, cycleId, unitId }, storageKeyOf(sha256));
    // the same answer for an unknown hash and for another unit's or cycle's file
    if (!file) throw new DomainError('EVIDENCE.NOT_FOUND', `no evidence file ${sha256} for unit ${unitId} in cycle ${cycleId}`);
    return {
      mediaType: file.mediaType,
      sizeBytes: file.sizeBytes,
      fileName: evidenceDownloadName(file.name, file.mediaType),
      content: this.files.content(tenantId, sha256, file.sizeBytes),
    };
  }
}
