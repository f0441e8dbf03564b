import { Semaphore } from 'async-mutex';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { InputProblemException } from '@lib/platform';
import { EvaluationConfig } from '../../config';
import { type EvidenceFileProblem, evidenceFileProblem, type EvidenceSample, isOfficeMediaType, normalisedMediaType, officeArchiveProblem } from '../domain';
import { DomainError, type EvaluationErrorCode } from '../domain/error-codes';
import { EvidenceFileStore, type StoredEvidenceFile } from './evidence-file-store';
import { readOfficeArchive, UnreadableArchiveError } from './office-archive-reader';
import { readCycle } from './stream-state';

/** An upload as it arrived: spooled to `path`, hashed and sampled on the way. */
export interface ArrivedEvidence extends EvidenceSample {
  name: string;
  declaredMediaType: string;
  path: string;
  sha256: string;
}

/** Store an evidence file for a unit lokus of a cycle, once its content passes the checks. */
export class UploadEvidenceFileCommand extends Command<StoredEvidenceFile> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId: string,
    readonly uploadedBy: string,
    readonly file: ArrivedEvidence,
  ) {
    super();
  }
}

const refused = (problem: EvidenceFileProblem): InputProblemException =>
  new InputProblemException([{ field: 'file', rule: problem.rule, message: problem.message }], 'EVIDENCE.FILE_REFUSED' satisfies EvaluationErrorCode);

@CommandHandler(UploadEvidenceFileCommand)
export class UploadEvidenceFileHandler implements ICommandHandler<UploadEvidenceFileCommand> {
  // each upload being checked and stored holds a database connection and reads its file in slices
  private readonly slots: Semaphore;

  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly files: EvidenceFileStore,
    config: EvaluationConfig,
  ) {
    this.slots = new Semaphore(config.EVIDENCE_UPLOADS_IN_FLIGHT);
  }

  execute({ tenantId, cycleId, unitId, uploadedBy, file }: UploadEvidenceFileCommand): Promise<StoredEvidenceFile> {
    return this.slots.runExclusive(async () => {
      const { state: cycle } = await readCycle(this.store, tenantId, cycleId);
      if (cycle.status === 'none') throw new DomainError('CYCLE.NOT_FOUND', `no cycle ${cycleId}`);
      if (!cycle.units[unitId]) throw new DomainError('CYCLE.UNIT_NOT_IN_SCOPE', `unit ${unitId} is not a unit lokus of cycle ${cycleId}`);
      const problem = evidenceFileProblem(this.files.policy, file.declaredMediaType, file);
      if (problem) throw refused(problem);
      const mediaType = normalisedMediaType(file.declaredMediaType);
      if (isOfficeMediaType(mediaType)) await this.inspectOfficeArchive(mediaType, file.path);
      const {
        storageKey,
        sha256,
        sizeBytes,
        mediaType: storedAs,
      } = await this.files.store({
        tenantId,
        cycleId,
        unitId,
        uploadedBy,
        name: file.name,
        mediaType,
        path: file.path,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
      });
      return { storageKey, sha256, sizeBytes, mediaType: storedAs };
    });
  }

  private async inspectOfficeArchive(mediaType: string, path: string): Promise<void> {
    try {
      const problem = officeArchiveProblem(mediaType, await readOfficeArchive(path));
      if (problem) throw refused(problem);
    } catch (error) {
      if (!(error instanceof UnreadableArchiveError)) throw error;
      throw refused({ rule: 'officeStructure', message: `the file is not a readable zip archive: ${error.message}` });
    }
  }
}
