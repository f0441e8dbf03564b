import { registerDecorator, type ValidationArguments } from 'class-validator';

/** A URL setting that may be http:// on a developer's machine, and must be https:// when NODE_ENV=production. */
export function IsHttpsInProduction(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isHttpsInProduction',
      target: target.constructor,
      propertyName: propertyName.toString(),
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          return (args.object as { NODE_ENV?: string }).NODE_ENV !== 'production' || (typeof value === 'string' && value.startsWith('https://'));
        },
        defaultMessage(args: ValidationArguments): string {
          return `${args.property} must be an https:// URL when NODE_ENV=production`;
        },
      },
    });
  };
}
