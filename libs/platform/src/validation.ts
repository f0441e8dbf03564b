import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { type FieldProblem, InputProblemException } from './problem-details.filter';

/** Flattens class-validator's tree into `answers[2].score`-style paths, one entry per broken rule. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${parent}[${error.property}]` : parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({ field, rule, message }));
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
    exceptionFactory: (errors) => new InputProblemException(fieldProblems(errors)),
  });
}
