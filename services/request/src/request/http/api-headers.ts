import { applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';

/** Documents the caller headers read by actor.ts. TODO(#7): an ApiBearerAuth once JWT lands. */
export const ACTOR_HEADERS = () =>
  applyDecorators(
    ApiHeader({ name: 'X-Tenant-Id', required: true }),
    ApiHeader({ name: 'X-Actor-Id', required: true }),
    ApiHeader({ name: 'X-Actor-Role', required: true, enum: ['citizen', 'officer', 'supervisor', 'admin', 'system'] }),
  );
