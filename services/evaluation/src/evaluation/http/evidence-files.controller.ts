import { Controller, Get, Header, Param, Post, Query, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { AuthorizedTarget, CurrentPrincipal, InputProblemException, type Principal, RequirePermission, type Target, TenantQuery } from '@lib/platform';
import { Matches } from 'class-validator';
import { EvidenceFileStore } from '../commands/evidence-file-store';
import { StoredEvidenceFileResponse } from './evidence-file.response';

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

/** The subset of multer's file the upload reads. */
interface UploadedEvidence {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}

/**
 * Evidence files (bukti dukung) of a unit's F-01: upload first (the service hashes, checks and keeps
 * the bytes), then attach the returned storageKey to an indicator via the assessment's evidence route.
 */
@ApiTags('F-01 evidence files')
@Controller('cycles/:cycleId/units/:unitId/evidence-files')
export class EvidenceFilesController {
  constructor(private readonly files: EvidenceFileStore) {}

  @Post()
  @RequirePermission('assessment:write-own', { unitParam: 'unitId' })
  // size and count limits come from MulterModule in EvaluationModule, which reads the config
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Upload an evidence file (PDF, image, office document); answers its storageKey, sha256, size and type' })
  @ApiCreatedResponse({ description: 'Stored (or already stored: the same bytes give the same key)', type: StoredEvidenceFileResponse })
  @ApiPayloadTooLargeResponse({ description: 'Larger than EVIDENCE_MAX_BYTES' })
  upload(
    @CurrentPrincipal() principal: Principal,
    @Param() { cycleId, unitId }: EvidenceFilesPath,
    @UploadedFile() file?: UploadedEvidence,
  ): Promise<StoredEvidenceFileResponse> {
    if (!file) throw new InputProblemException([{ field: 'file', rule: 'required', message: 'send the file as the multipart field "file"' }]);
    return this.files.store({
      tenantId: principal.tenantId,
      unitId,
      cycleId,
      uploadedBy: principal.subject,
      name: file.originalname.slice(0, 300),
      declaredMediaType: file.mimetype,
      content: file.buffer,
    });
  }

  @Get(':sha256')
  @RequirePermission('results:read', { unitParam: 'unitId', tenantParam: 'tenantId' })
  @Header('Content-Disposition', 'attachment')
  @Header('Cache-Control', 'private, max-age=0, no-store')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: "The file's bytes, with its stored media type", schema: { type: 'string', format: 'binary' } })
  @ApiOperation({ summary: 'Download an evidence file; its bytes are checked against the sha256 on every read' })
  async download(@AuthorizedTarget() target: Target, @Param() { sha256 }: EvidenceFilePath, @Query() _tenant: TenantQuery): Promise<StreamableFile> {
    const { content, mediaType } = await this.files.read(target.tenantId, sha256);
    return new StreamableFile(content, { type: mediaType, length: content.length });
  }
}
