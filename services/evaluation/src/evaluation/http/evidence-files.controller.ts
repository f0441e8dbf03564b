import { Readable } from 'node:stream';
import { Controller, Get, Header, Inject, Param, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, CurrentActor, InputProblemException, LOGGER, RequirePermission, TenantQuery } from '@lib/platform';
import { Matches } from 'class-validator';
import type { Logger } from 'pino';
import { UploadEvidenceFileCommand } from '../commands/upload-evidence-file.command';
import { GetEvidenceFileQuery } from '../queries/evidence-file.queries';
import { StoredEvidenceFileResponse } from './evidence-file.response';
import type { SpooledEvidence } from './evidence-upload-spool';
import { CYCLE } from './resources';

const ID = /^[A-Za-z0-9._:-]{1,128}$/;

class EvidenceFilesPath {
  @ApiProperty({ format: 'uuid' })
  @Matches(ID)
  cycleId!: string;

  @ApiProperty({ example: 'disdukcapil' })
  @Matches(ID)
  unitId!: string;
}

class EvidenceFilePath extends EvidenceFilesPath {
  @ApiProperty({ pattern: '^[0-9a-f]{64}$' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'sha256 must be 64 lowercase hexadecimal characters' })
  sha256!: string;
}

/** `attachment` with the server's name, plain and as RFC 5987 `filename*` (the name is ASCII, so both agree). */
const attachmentOf = (fileName: string): string => `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/**
 * Evidence files (bukti dukung) of a unit's F-01 in one cycle: upload first (the service spools,
 * hashes, inspects and keeps the bytes, bound to the unit and cycle), then attach the returned
 * storageKey to an indicator via the assessment's evidence route. A unit reaches only its own files.
 */
@ApiTags('F-01 evidence files')
@Controller('cycles/:cycleId/units/:unitId/evidence-files')
export class EvidenceFilesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  @Post()
  @RequirePermission('assessment:write-own', { resource: CYCLE, unitParam: 'unitId' })
  // storage, size and count limits come from MulterModule in EvaluationModule, which reads the config
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({
    summary: 'Upload an evidence file (PDF, image, office document) for a unit lokus of the cycle; answers its storageKey, sha256, size and type',
  })
  @ApiCreatedResponse({ description: 'Stored (or already stored: the same bytes give the same key)', type: StoredEvidenceFileResponse })
  @ApiPayloadTooLargeResponse({ description: "Larger than EVIDENCE_MAX_BYTES, or beyond the unit's storage in this cycle (EVIDENCE.STORAGE_QUOTA_EXCEEDED)" })
  @ApiConflictResponse({ description: 'The unit is not a lokus of the cycle, or has its most files in it (EVIDENCE.FILE_COUNT_EXCEEDED)' })
  async upload(
    @CurrentActor() actor: Actor,
    @Param() { cycleId, unitId }: EvidenceFilesPath,
    @UploadedFile() file?: SpooledEvidence,
  ): Promise<StoredEvidenceFileResponse> {
    if (!file) throw new InputProblemException([{ field: 'file', rule: 'required', message: 'send the file as the multipart field "file"' }]);
    return this.commands.execute(
      new UploadEvidenceFileCommand(actor.tenantId, cycleId, unitId, actor.id, {
        name: file.originalname.slice(0, 300),
        declaredMediaType: file.mimetype,
        path: file.path,
        sha256: file.sha256,
        sizeBytes: file.size,
        head: file.head,
        tail: file.tail,
      }),
    );
  }

  @Get(':sha256')
  @RequirePermission('results:read', { resource: CYCLE, unitParam: 'unitId' })
  @Header('Cache-Control', 'private, max-age=0, no-store')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: "The file's bytes, with its stored media type and a name the server derives", schema: { type: 'string', format: 'binary' } })
  @ApiNotFoundResponse({ description: 'No such file for this unit in this cycle (EVIDENCE.NOT_FOUND), whoever else may have it' })
  @ApiOperation({ summary: 'Download an evidence file uploaded for (or attached by) the unit in the cycle; streamed, and checked against its sha256' })
  // a cycle id is only unique within its tenant, so a national auditor names the tenant (?tenantId=)
  async download(@CurrentActor() actor: Actor, @Param() { cycleId, unitId, sha256 }: EvidenceFilePath, @Query() _tenant: TenantQuery): Promise<StreamableFile> {
    const file = await this.queries.execute(new GetEvidenceFileQuery(actor.tenantId, cycleId, unitId, sha256));
    return new StreamableFile(Readable.from(file.content), {
      type: file.mediaType,
      length: file.sizeBytes,
      disposition: attachmentOf(file.fileName),
    }).setErrorHandler((error, response) => {
      // the headers are out: cut the connection so the client sees a failed download, never a complete one
      this.logger.error({ err: error, tenantId: actor.tenantId, sha256 }, 'evidence download aborted');
      response.destroy?.(error);
    });
  }
}
