import { registerDecorator, type ValidationArguments } from 'class-validator';

/** The shortest secret accepted: 32 characters, 256 bits of base64/hex noise or a long passphrase. */
export const MIN_SECRET_LENGTH = 32;

/**
 * A secret setting: at least MIN_SECRET_LENGTH characters, and never `developmentDefault` (the value
 * the local scripts and tests use, which is published in the repository) when NODE_ENV=production.
 */
export function IsSecret(developmentDefault: string): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isSecret',
      target: target.constructor,
      propertyName: propertyName.toString(),
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return false;
          return (args.object as { NODE_ENV?: string }).NODE_ENV !== 'production' || value !== developmentDefault;
        },
        defaultMessage(args: ValidationArguments): string {
          const value = args.value as unknown;
          if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH)
            return `${args.property} must be a secret of at least ${MIN_SECRET_LENGTH} characters`;
          return `${args.property} is the published development default; set a secret of your own when NODE_ENV=production`;
        },
      },
    });
  };
}
