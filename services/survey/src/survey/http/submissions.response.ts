import { ApiProperty } from '@nestjs/swagger';
import type { IssuedF03ProofCodes } from '../commands/issue-f03-proof-codes.command';
import type { SubmissionsReview, SubmissionWindow, SubmittingDevice } from '../queries/submissions.queries';

export class SubmissionWindowResponse implements SubmissionWindow {
  @ApiProperty({ format: 'date-time' })
  start!: string;

  @ApiProperty({ format: 'date-time' })
  end!: string;

  @ApiProperty({ type: 'integer' })
  responses!: number;

  @ApiProperty({ type: 'integer', description: 'Responses with a proof the respondent was served' })
  verified!: number;

  @ApiProperty({ type: 'integer' })
  unverified!: number;

  @ApiProperty({ type: 'integer', description: 'Distinct clients (keyed fingerprint of network and user agent)' })
  devices!: number;

  @ApiProperty({ type: 'integer', description: "Most responses within any span of the window's length ending in this window" })
  peak!: number;

  @ApiProperty({ description: 'peak above maxResponsesPerWindow' })
  burst!: boolean;
}

export class SubmittingDeviceResponse implements SubmittingDevice {
  @ApiProperty({ description: "The first characters of the client's keyed fingerprint; never an address", example: 'Xk3v9QaB' })
  device!: string;

  @ApiProperty({ type: 'integer' })
  responses!: number;

  @ApiProperty({ type: 'integer' })
  verified!: number;

  @ApiProperty({ format: 'date-time' })
  firstAt!: string;

  @ApiProperty({ format: 'date-time' })
  lastAt!: string;

  @ApiProperty({ description: 'responses above maxResponsesPerDevice (a service counter kiosk is one client too)' })
  flagged!: boolean;
}

export class SubmissionsReviewResponse implements SubmissionsReview {
  @ApiProperty({ type: 'integer' })
  windowMinutes!: number;

  @ApiProperty({ type: 'integer' })
  maxResponsesPerWindow!: number;

  @ApiProperty({ type: 'integer' })
  maxResponsesPerDevice!: number;

  @ApiProperty({ type: 'integer', description: 'Submissions older than this many days are purged' })
  retentionDays!: number;

  @ApiProperty({ type: 'integer' })
  responses!: number;

  @ApiProperty({ type: 'integer', description: 'Windows flagged as bursts' })
  bursts!: number;

  @ApiProperty({ type: () => [SubmissionWindowResponse] })
  windows!: SubmissionWindowResponse[];

  @ApiProperty({ type: () => [SubmittingDeviceResponse], description: 'Clients with the most responses first (at most 50)' })
  devices!: SubmittingDeviceResponse[];
}

export class IssuedF03ProofCodesResponse implements IssuedF03ProofCodes {
  @ApiProperty({ type: [String], description: 'Shown only in this reply: print and hand one out per service delivered', example: ['K7M2Q-9XW4H'] })
  codes!: string[];
}

export class F03ProofCodeCountsResponse {
  @ApiProperty({ type: 'integer' })
  issued!: number;

  @ApiProperty({ type: 'integer' })
  used!: number;
}
