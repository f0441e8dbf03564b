import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

export { type Actor, PUBLIC_ACTOR } from '@lib/platform';

/** The `Idempotency-Key` header, if any. */
export const IdempotencyKey = createParamDecorator((_: unknown, context: ExecutionContext): string | undefined => {
  const value = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
});
