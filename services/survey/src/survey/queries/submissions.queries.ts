import { Injectable } from '@nestjs/common';
import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore } from '@lib/event-sourcing';
import { Pool } from 'pg';
import { SurveyConfig } from '../../config';
import { DomainError } from '../domain/error-codes';
import { f03StreamId, type SkmPeriodKind } from '../domain';
import { RespondentProofs } from '../commands/respondent-proofs';
import { SkmSurveyReader } from './skm-survey.reader';

const DEVICES_SHOWN = 50;

export interface SubmissionWindow {
  start: string;
  end: string;
  responses: number;
  verified: number;
  unverified: number;
  /** Distinct client fingerprints (network and user agent) in the window. */
  devices: number;
  /** Most responses within any span of the window's length that ends in this window. */
  peak: number;
  burst: boolean;
}

export interface SubmittingDevice {
  /** The first characters of the client's keyed fingerprint: enough to tell clients apart, never an address. */
  device: string;
  responses: number;
  verified: number;
  firstAt: string;
  lastAt: string;
  flagged: boolean;
}

/** When a collection's or survey's public responses came in: what an admin reviews before closing. */
export interface SubmissionsReview {
  windowMinutes: number;
  maxResponsesPerWindow: number;
  maxResponsesPerDevice: number;
  /** Submissions older than this are purged, so the review covers only the last days. */
  retentionDays: number;
  responses: number;
  /** Windows flagged as bursts. */
  bursts: number;
  windows: SubmissionWindow[];
  /** The clients with the most responses first. */
  devices: SubmittingDevice[];
}

/** Reads survey_submissions_v1 of one scope (a collection's or survey's stream id) into the review. */
@Injectable()
export class SubmissionsReviewReader {
  constructor(
    private readonly pool: Pool,
    private readonly config: SurveyConfig,
  ) {}

  async review(scope: string): Promise<SubmissionsReview> {
    const minutes = this.config.SURVEY_BURST_WINDOW_MINUTES;
    const maxPerWindow = this.config.SURVEY_BURST_MAX_RESPONSES;
    const maxPerDevice = this.config.SURVEY_BURST_MAX_PER_DEVICE;
    const [windows, devices] = await Promise.all([
      this.pool.query<{ start: Date; responses: number; verified: number; devices: number; peak: number }>(
        `WITH s AS (
           SELECT submitted_at, fingerprint, verified,
                  count(*) OVER (ORDER BY submitted_at RANGE BETWEEN $2::interval PRECEDING AND CURRENT ROW) AS recent
           FROM survey_submissions_v1 WHERE scope = $1)
         SELECT to_timestamp(floor(extract(epoch FROM submitted_at) / $3) * $3) AS start, count(*)::int AS responses,
                count(*) FILTER (WHERE verified)::int AS verified, count(DISTINCT fingerprint)::int AS devices, max(recent)::int AS peak
         FROM s GROUP BY 1 ORDER BY 1`,
        [scope, `${minutes} minutes`, minutes * 60],
      ),
      this.pool.query<{ fingerprint: string; responses: number; verified: number; first_at: Date; last_at: Date }>(
        `SELECT fingerprint, count(*)::int AS responses, count(*) FILTER (WHERE verified)::int AS verified,
                min(submitted_at) AS first_at, max(submitted_at) AS last_at
         FROM survey_submissions_v1 WHERE scope = $1 GROUP BY fingerprint ORDER BY responses DESC, first_at LIMIT $2`,
        [scope, DEVICES_SHOWN],
      ),
    ]);
    const reviewed = windows.rows.map((w) => ({
      start: w.start.toISOString(),
      end: new Date(w.start.getTime() + minutes * 60_000).toISOString(),
      responses: w.responses,
      verified: w.verified,
      unverified: w.responses - w.verified,
      devices: w.devices,
      peak: w.peak,
      burst: w.peak > maxPerWindow,
    }));
    return {
      windowMinutes: minutes,
      maxResponsesPerWindow: maxPerWindow,
      maxResponsesPerDevice: maxPerDevice,
      retentionDays: this.config.SURVEY_SUBMISSION_RETENTION_DAYS,
      responses: reviewed.reduce((sum, w) => sum + w.responses, 0),
      bursts: reviewed.filter((w) => w.burst).length,
      windows: reviewed,
      devices: devices.rows.map((d) => ({
        device: d.fingerprint.slice(0, 8),
        responses: d.responses,
        verified: d.verified,
        firstAt: d.first_at.toISOString(),
        lastAt: d.last_at.toISOString(),
        flagged: d.responses > maxPerDevice,
      })),
    };
  }
}

/** The submissions review of one F-03 collection. */
export class GetF03SubmissionsQuery extends Query<SubmissionsReview> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId: string,
  ) {
    super();
  }
}

@QueryHandler(GetF03SubmissionsQuery)
export class GetF03SubmissionsHandler implements IQueryHandler<GetF03SubmissionsQuery> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly reader: SubmissionsReviewReader,
  ) {}

  async execute({ tenantId, cycleId, unitId }: GetF03SubmissionsQuery): Promise<SubmissionsReview> {
    const streamId = f03StreamId(tenantId, cycleId, unitId);
    if ((await this.store.readStream(streamId)).length === 0) {
      throw new DomainError('F03.NOT_FOUND', `no F-03 collection for unit ${unitId} in cycle ${cycleId}`);
    }
    return this.reader.review(streamId);
  }
}

/** How many one-time codes an F-03 collection issued and how many were used. */
export class GetF03ProofCodeCountsQuery extends Query<{ issued: number; used: number }> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId: string,
  ) {
    super();
  }
}

@QueryHandler(GetF03ProofCodeCountsQuery)
export class GetF03ProofCodeCountsHandler implements IQueryHandler<GetF03ProofCodeCountsQuery> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly proofs: RespondentProofs,
  ) {}

  async execute({ tenantId, cycleId, unitId }: GetF03ProofCodeCountsQuery): Promise<{ issued: number; used: number }> {
    const streamId = f03StreamId(tenantId, cycleId, unitId);
    if ((await this.store.readStream(streamId)).length === 0) {
      throw new DomainError('F03.NOT_FOUND', `no F-03 collection for unit ${unitId} in cycle ${cycleId}`);
    }
    return this.proofs.f03CodeCounts(streamId);
  }
}

/** The submissions review of one SKM survey. */
export class GetSkmSubmissionsQuery extends Query<SubmissionsReview> {
  constructor(
    readonly tenantId: string,
    readonly ref: { unitId: string; periodKind: SkmPeriodKind; periodStart: string },
  ) {
    super();
  }
}

@QueryHandler(GetSkmSubmissionsQuery)
export class GetSkmSubmissionsHandler implements IQueryHandler<GetSkmSubmissionsQuery> {
  constructor(
    private readonly surveys: SkmSurveyReader,
    private readonly reader: SubmissionsReviewReader,
  ) {}

  async execute({ tenantId, ref }: GetSkmSubmissionsQuery): Promise<SubmissionsReview> {
    const survey = await this.surveys.byRef(tenantId, ref.unitId, ref.periodKind, ref.periodStart);
    if (!survey) throw new DomainError('SURVEY.NOT_FOUND', `no survey of unit ${ref.unitId} for ${ref.periodKind} ${ref.periodStart}`);
    return this.reader.review(survey.streamId);
  }
}
