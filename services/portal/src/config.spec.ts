import { ConfigError, DEFAULT_DEV_SIGNING_SECRET } from '@lib/platform';
import { loadPortalSettings } from './config';

describe('loadPortalSettings', () => {
  it('defaults to the local services, and signs in as the auth mode it is given', () => {
    const { config, auth } = loadPortalSettings({ AUTH_MODE: 'dev', AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET });
    expect(config).toMatchObject({
      PORT: 3000,
      REQUEST_SERVICE_URL: 'http://127.0.0.1:3001',
      SURVEY_SERVICE_URL: 'http://127.0.0.1:3002',
      EVALUATION_SERVICE_URL: 'http://127.0.0.1:3003',
    });
    expect(auth.AUTH_MODE).toBe('dev');
  });

  it('refuses to boot with every problem of the portal, token and tracing settings listed', () => {
    const attempt = () =>
      loadPortalSettings({
        NODE_ENV: 'production',
        PORT: 'eighty',
        SURVEY_SERVICE_URL: 'survey:3002',
        AUTH_MODE: 'dev',
        AUTH_DEV_SIGNING_SECRET: DEFAULT_DEV_SIGNING_SECRET,
        OTEL_TRACES_EXPORTER: 'otlp',
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/SURVEY_SERVICE_URL/);
      expect(problems).toMatch(/AUTH_MODE=dev is refused when NODE_ENV=production/);
      expect(problems).toMatch(/OTEL_EXPORTER_OTLP_ENDPOINT must be the http\(s\) URL of an OTLP collector/);
    }
  });
});
