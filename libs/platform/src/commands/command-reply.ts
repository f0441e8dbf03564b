import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { AppendResult } from '@lib/event-sourcing';
import type { Response } from 'express';
import { map, type Observable } from 'rxjs';

/**
 * What every command answers, in every service, with whatever the resource adds (its id, a tracking
 * code). `version` is the stream's version after the command: a client that reads the resource next
 * waits until the read side shows at least that version.
 */
export class CommandReply {
  @ApiProperty({ description: 'The event stream the command acted on' })
  streamId!: string;

  @ApiProperty({ description: "The stream's version after the command" })
  version!: number;

  @ApiProperty({ description: 'Events this call appended: 0 for a no-op or a repeated Idempotency-Key' })
  appended!: number;

  @ApiProperty({ description: 'True when the Idempotency-Key had been used: nothing new happened (also said by the Idempotent-Replayed header)' })
  duplicate!: boolean;
}

export const commandReply = ({ streamId, nextExpectedVersion, appended, duplicate }: AppendResult): CommandReply => ({
  streamId,
  version: nextExpectedVersion,
  appended,
  duplicate,
});

/** Tells clients, by header, that a replayed Idempotency-Key got the first answer and nothing new happened. */
@Injectable()
export class IdempotentReplayInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      map((body: unknown) => {
        if (typeof body === 'object' && body !== null && (body as { duplicate?: unknown }).duplicate === true) {
          context.switchToHttp().getResponse<Response>().setHeader('Idempotent-Replayed', 'true');
        }
        return body;
      }),
    );
  }
}
