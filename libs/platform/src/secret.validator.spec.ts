import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { IsSecret } from './secret.validator';

const DEFAULT = 'development-default-secret-0123456789abcdef';

class Settings {
  NODE_ENV = 'development';

  @IsSecret(DEFAULT)
  SECRET = DEFAULT;
}

const problems = (nodeEnv: string, secret: unknown): string[] => {
  const settings = Object.assign(new Settings(), { NODE_ENV: nodeEnv, SECRET: secret });
  return validateSync(settings).flatMap((error) => Object.values(error.constraints ?? {}));
};

describe('IsSecret', () => {
  it.each<[string, string, unknown, string[]]>([
    ['the default in development', 'development', DEFAULT, []],
    ['the default in test', 'test', DEFAULT, []],
    ['the default in production', 'production', DEFAULT, ['SECRET is the published development default; set a secret of your own when NODE_ENV=production']],
    ['an own secret in production', 'production', 'x'.repeat(32), []],
    ['31 characters', 'production', 'x'.repeat(31), ['SECRET must be a secret of at least 32 characters']],
    ['not a string', 'development', 42, ['SECRET must be a secret of at least 32 characters']],
  ])('%s', (_, nodeEnv, secret, expected) => {
    expect(problems(nodeEnv, secret)).toEqual(expected);
  });
});
