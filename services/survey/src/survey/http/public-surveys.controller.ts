import { Body, Controller, Get, Header, Param, Post, Req, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { CitizenEndpoint, citizenCommandMeta, CommandReply } from '@lib/platform';
import { SurveyConfig } from '../../config';
import { RecordF03ResponseCommand } from '../commands/record-f03-response.command';
import { RecordSkmResponseCommand } from '../commands/record-skm-response.command';
import { GetPublicF03FormQuery } from '../queries/f03.queries';
import { GetPublicSkmFormQuery } from '../queries/skm-survey.queries';
import { PublicF03FormResponse } from './f03.response';
import { PublicSkmFormResponse, RecordedResponseResponse } from './skm-survey.response';
import { submittingClient } from './submitting-client';
import { publicSurveyUrl, qrPng, qrSvg } from './survey-poster';
import { F03ResponseRequest, PublicF03Path, PublicLinkPath, SkmResponseRequest } from './skm-survey.requests';

/** What respondents reach without logging in; rate-limited per client address. */
@ApiTags('public survey forms')
@ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retried submission with the same key is recorded once' })
@CitizenEndpoint()
@Controller('public')
export class PublicSurveysController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly config: SurveyConfig,
  ) {}

  @Get('skm-surveys/:publicLinkId')
  @ApiOperation({ summary: 'The SKM form: unsur in regulation order, the answer scale, whether it still accepts responses' })
  @ApiOkResponse({ type: PublicSkmFormResponse })
  async form(@Param() { publicLinkId }: PublicLinkPath): Promise<PublicSkmFormResponse> {
    const { surveyId, ...form } = await this.queries.execute(new GetPublicSkmFormQuery(publicLinkId));
    return { surveyId, publicUrl: publicSurveyUrl(this.config.PUBLIC_SURVEY_BASE_URL, publicLinkId), ...form, answerScale: [...form.answerScale] };
  }

  @Get('skm-surveys/:publicLinkId/qr.svg')
  @Header('Content-Type', 'image/svg+xml')
  @Header('Cache-Control', 'public, max-age=86400')
  @ApiOperation({ summary: "QR code of the survey's public link, as SVG for the office poster" })
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async qrSvg(@Param() { publicLinkId }: PublicLinkPath): Promise<string> {
    return qrSvg(await this.publicUrl(publicLinkId));
  }

  @Get('skm-surveys/:publicLinkId/qr.png')
  @Header('Content-Type', 'image/png')
  @Header('Cache-Control', 'public, max-age=86400')
  @ApiOperation({ summary: "QR code of the survey's public link, as PNG for documents and messages" })
  @ApiProduces('image/png')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  async qrPng(@Param() { publicLinkId }: PublicLinkPath): Promise<StreamableFile> {
    return new StreamableFile(await qrPng(await this.publicUrl(publicLinkId)));
  }

  @Post('skm-surveys/:publicLinkId/responses')
  @ApiOperation({ summary: 'Submit a response: one answer 1..4 per unsur, optional profile, suggestion and tracking code of a completed request' })
  @ApiCreatedResponse({ type: RecordedResponseResponse })
  respond(@Param() { publicLinkId }: PublicLinkPath, @Body() body: SkmResponseRequest, @Req() request: Request): Promise<RecordedResponseResponse> {
    const client = submittingClient(request, body.respondentToken);
    return this.commands.execute(
      new RecordSkmResponseCommand(
        publicLinkId,
        body.answers.map(({ code, value }) => ({ code, value })),
        body.profile && { ...body.profile },
        body.suggestion,
        body.trackingCode,
        client,
        // the survey's tenant is known once its link is looked up
        citizenCommandMeta(request, ''),
      ),
    );
  }

  private async publicUrl(publicLinkId: string): Promise<string> {
    // the query refuses a link no survey has, so no QR code is drawn for one
    await this.queries.execute(new GetPublicSkmFormQuery(publicLinkId));
    return publicSurveyUrl(this.config.PUBLIC_SURVEY_BASE_URL, publicLinkId);
  }

  @Get('tenants/:tenantId/f03/:cycleId/:unitId')
  @ApiOperation({
    summary:
      'The PEKPPP F-03 form of an open collection: its 14 items with their codes and statements, and the 0..5 scale (404 when none opened, 409 once closed)',
  })
  @ApiOkResponse({ type: PublicF03FormResponse })
  f03Form(@Param() { tenantId, cycleId, unitId }: PublicF03Path): Promise<PublicF03FormResponse> {
    return this.queries.execute(new GetPublicF03FormQuery(tenantId, cycleId, unitId));
  }

  @Post('tenants/:tenantId/f03/:cycleId/:unitId/responses')
  @ApiOperation({
    summary:
      'Submit an F-03 user assessment: every item scored 0..5, with a proof of service (completed request tracking code or one-time code); without one it is recorded as unverified and does not count',
  })
  @ApiCreatedResponse({ type: CommandReply })
  respondF03(@Param() { tenantId, cycleId, unitId }: PublicF03Path, @Body() body: F03ResponseRequest, @Req() request: Request): Promise<CommandReply> {
    return this.commands.execute(
      new RecordF03ResponseCommand(
        citizenCommandMeta(request, tenantId, unitId),
        cycleId,
        unitId,
        body.items.map(({ item, score }) => ({ item, score })),
        body.proof,
        submittingClient(request, body.respondentToken),
      ),
    );
  }
}
