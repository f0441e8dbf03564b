import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { InputProblemException, type RaisedFieldProblem } from './problem-details.filter';

/** The parameters the DTO declared for `rule` on the failed property (`@MaxLength(200)` → [200]), for its message. */
function constraintsOf(error: ValidationError, rule: string): readonly unknown[] | undefined {
  const target = error.target?.constructor;
  if (!target) return undefined;
  return getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((metadata) => metadata.propertyName === error.property && (metadata.name ?? metadata.type) === rule)?.constraints;
}

/** Flattens class-validator's tree into `answers[2].score`-style paths, one entry per broken rule. */
export function fieldProblems(errors: ValidationError[], parent = ''): RaisedFieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ field, rule, message, constraints: constraintsOf(error, rule) }));
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/**
 * Strict input: unknown properties are refused (not silently dropped), values are transformed to
 * the DTO's types, and the 400 names every field and rule that failed.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    // The target (the DTO instance) tells which class declared a rule's bounds for its message; the
    // raw errors never reach a client, only the field problems built from them.
    validationError: { target: true },
    exceptionFactory: (errors) => new InputProblemException(fieldProblems(errors)),
  });
}
