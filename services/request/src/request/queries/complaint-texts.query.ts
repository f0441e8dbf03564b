import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { RequestEvent } from '@lib/contracts';
import { EventStore, PersonalDataKeys } from '@lib/event-sourcing';
import { complaintStream } from '../commands/complaint-stream';
import { type ComplaintTexts, complaintTextsOf } from '../commands/complaint-personal-data';

/**
 * A complaint's free texts, opened from its stream at the time of asking: the read tables hold none,
 * so erasing the key is all an erasure needs and no copy of the text is left behind in them.
 */
export class GetComplaintTextsQuery extends Query<ComplaintTexts> {
  constructor(readonly complaintId: string) {
    super();
  }
}

@QueryHandler(GetComplaintTextsQuery)
export class GetComplaintTextsHandler implements IQueryHandler<GetComplaintTextsQuery> {
  constructor(
    private readonly store: EventStore<RequestEvent>,
    private readonly personalData: PersonalDataKeys,
  ) {}

  async execute({ complaintId }: GetComplaintTextsQuery): Promise<ComplaintTexts> {
    const events = (await this.store.readStream(complaintStream(complaintId))).map((stored) => stored.event);
    return complaintTextsOf(events, await this.personalData.openerFor([complaintId]));
  }
}
