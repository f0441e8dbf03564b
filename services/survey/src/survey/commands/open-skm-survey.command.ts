import { randomUUID } from 'node:crypto';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { SurveyEvent } from '@lib/contracts';
import { EventStore, type CommandMeta } from '@lib/event-sourcing';
import { Clock, InputProblemException, type CommandReply, commandReply } from '@lib/platform';
import { buildUnsurSet, CURRENT_SKM_RULESET, findShippedSkmRuleset, type UnsurSetInput } from '../domain';
import { handleStaffSurveyCommand, readSurvey, type SkmSurveyRef } from './skm-stream';

export interface OpenedSurvey extends CommandReply {
  surveyId: string;
  /** Respondents open the form at /public/skm-surveys/<publicLinkId>. */
  publicLinkId: string;
}

export class OpenSkmSurveyCommand extends Command<OpenedSurvey> {
  constructor(
    readonly meta: CommandMeta,
    readonly ref: SkmSurveyRef,
    readonly periodEnd: string,
    readonly unsurSet: UnsurSetInput,
    readonly declaredPopulation: { population: number; source: string } | undefined,
    readonly rulesetRef: string | undefined,
  ) {
    super();
  }
}

@CommandHandler(OpenSkmSurveyCommand)
export class OpenSkmSurveyHandler implements ICommandHandler<OpenSkmSurveyCommand> {
  constructor(
    private readonly store: EventStore<SurveyEvent>,
    private readonly clock: Clock,
  ) {}

  async execute({ meta, ref, periodEnd, unsurSet, declaredPopulation, rulesetRef }: OpenSkmSurveyCommand): Promise<OpenedSurvey> {
    // The unsur set is input: its problems are field-level 400s, checked here before the decider's 409s.
    const ruleset = rulesetRef ? findShippedSkmRuleset(rulesetRef) : CURRENT_SKM_RULESET;
    if (!ruleset) throw new InputProblemException([{ field: 'ruleset', rule: 'known', message: `no SKM ruleset ${rulesetRef}` }]);
    const built = buildUnsurSet(ruleset, unsurSet);
    if (!built.ok) throw new InputProblemException(built.errors.map((e) => ({ field: e.path, rule: e.rule, message: e.message })));

    const surveyId = randomUUID();
    const result = await handleStaffSurveyCommand(this.store, meta, ref, () => ({
      type: 'OpenSurvey',
      surveyId,
      unitId: ref.unitId,
      tenantId: meta.tenantId,
      periodKind: ref.periodKind,
      periodStart: ref.periodStart,
      periodEnd,
      rulesetRef,
      unsurSet,
      declaredPopulation,
      now: this.clock.now().toISOString(),
    }));
    // a retried request returns the survey its first attempt opened
    const opened = result.duplicate ? await readSurvey(this.store, meta.tenantId, ref) : undefined;
    const id = opened && opened.status !== 'none' ? opened.surveyId : surveyId;
    return { ...commandReply(result), surveyId: id, publicLinkId: id };
  }
}
