import { Type } from 'class-transformer';
import { IsInt, IsUrl, Max, Min } from 'class-validator';
import { BaseServiceConfig, IsHttpsInProduction, IsSecret } from '@lib/platform';

/** Published in deploy/.env.example for local runs and tests, so refused in production. */
export const DEVELOPMENT_FINGERPRINT_SECRET = 'pantau-local-survey-fingerprint-secret-not-for-production';

/** The only reader of process.env in the survey service; every key is in deploy/.env.example. */
export class SurveyConfig extends BaseServiceConfig {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(65535)
  override PORT = 3002;

  override KAFKA_CLIENT_ID = 'pantau-survey';

  /**
   * Keys every hash the service keeps of what respondents send: duplicate checks, client fingerprints,
   * respondent proofs (one-time codes and cited tracking codes). No address, code or tracking code is
   * stored in clear; changing it voids the one-time codes issued so far.
   */
  @IsSecret(DEVELOPMENT_FINGERPRINT_SECRET)
  SURVEY_FINGERPRINT_SECRET = DEVELOPMENT_FINGERPRINT_SECRET;

  /** Submissions are counted per window of this many minutes in the burst review. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1440)
  SURVEY_BURST_WINDOW_MINUTES = 10;

  /** More responses than this in one window is a burst for the admin to review before closing. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  SURVEY_BURST_MAX_RESPONSES = 10;

  /** More responses than this from one client fingerprint (network and user agent) flags that client. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  SURVEY_BURST_MAX_PER_DEVICE = 3;

  /** Days a submission's fingerprint is kept for burst review; older ones are purged. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  SURVEY_SUBMISSION_RETENTION_DAYS = 90;

  /**
   * Where respondents open a survey form (the portal); the QR code on the office poster points here.
   * https in production: over http anyone on the path could serve a form of their own.
   */
  @IsHttpsInProduction()
  @IsUrl({ protocols: ['https', 'http'], require_tld: false, require_protocol: true })
  PUBLIC_SURVEY_BASE_URL = 'http://127.0.0.1:3000/survei';

  /**
   * Days an SKM response's suggestion and profile stay readable after its survey period was closed;
   * then their keys are erased. One year: the unit works the suggestions into the follow-up of the
   * next period (PermenPANRB 14/2017), and the published result never needs them.
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  SKM_TEXT_RETENTION_DAYS = 365;
}
