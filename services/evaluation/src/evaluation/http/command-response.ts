import type { AppendResult } from '@lib/event-sourcing';

export interface CommandResponse {
  streamId: string;
  /** Stream version after the command; 0 events appended for a no-op or a repeated Idempotency-Key. */
  version: number;
  appended: number;
  duplicate: boolean;
}

export const commandResponse = (result: AppendResult): CommandResponse => ({
  streamId: result.streamId,
  version: result.nextExpectedVersion,
  appended: result.appended,
  duplicate: result.duplicate,
});
