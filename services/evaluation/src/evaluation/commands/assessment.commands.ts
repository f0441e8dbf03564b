import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, DomainError, EventStore } from '@lib/event-sourcing';
import { Clock } from '@lib/platform';
import { type AssessmentCommand, assessmentContext, decideAssessment, evolveAssessment, type EvidencePolicy, initialAssessment } from '../domain';
import { RulesetCatalog } from '../queries/ruleset-catalog';
import { assessmentStream, localDate } from './command-meta';
import { readCycle } from './stream-state';

type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An F-01/F-02 action without what the handler supplies (cycle context, dates, upload policy). */
export type AssessmentAction = Without<AssessmentCommand, 'context' | 'today' | 'now' | 'policy'>;

// TODO(#6): move to configuration together with the upload endpoint.
export const EVIDENCE_POLICY: EvidencePolicy = {
  maxSizeBytes: 20 * 1024 * 1024,
  allowedMediaTypes: ['application/pdf', 'image/jpeg', 'image/png', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
};

/** Any command on a unit's assessment stream (`assessment-<cycleId>-<unitId>`). */
export class HandleAssessmentCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly unitId: string,
    readonly action: AssessmentAction,
    readonly meta: CommandMeta,
  ) {
    super();
  }
}

@CommandHandler(HandleAssessmentCommand)
export class HandleAssessmentHandler implements ICommandHandler<HandleAssessmentCommand> {
  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly rulesets: RulesetCatalog,
    private readonly clock: Clock,
  ) {}

  async execute({ cycleId, unitId, action, meta }: HandleAssessmentCommand): Promise<AppendResult> {
    const cycle = await readCycle(this.store, cycleId);
    if (cycle.status === 'none') throw new DomainError('CYCLE.NOT_FOUND', `no cycle ${cycleId}`);
    const ruleset = await this.rulesets.get(cycle.ruleset);
    const instant = this.clock.now();
    const fold = { initialState: initialAssessment, evolve: evolveAssessment };
    return this.store.handle(assessmentStream(cycleId, unitId), fold, (state) => {
      const context = assessmentContext(cycle, unitId, ruleset);
      const command = { ...action, context, today: localDate(instant), now: instant.toISOString(), policy: EVIDENCE_POLICY } as AssessmentCommand;
      return decideAssessment(command, state);
    }, meta);
  }
}
