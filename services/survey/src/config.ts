import { Type } from 'class-transformer';
import { IsInt, IsUrl, Max, Min } from 'class-validator';
import { BaseServiceConfig, IsSecret } from '@lib/platform';

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

  /** Keys the hashes that detect duplicate anonymous responses (no address is ever stored). */
  @IsSecret(DEVELOPMENT_FINGERPRINT_SECRET)
  SURVEY_FINGERPRINT_SECRET = DEVELOPMENT_FINGERPRINT_SECRET;

  /** Where respondents open a survey form (the portal); the QR code on the office poster points here. */
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
