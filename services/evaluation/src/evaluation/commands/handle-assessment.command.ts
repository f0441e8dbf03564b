import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendGuard, type AppendResult, type CommandMeta, DomainError as AnyDomainError, EventStore } from '@lib/event-sourcing';
import { Clock, InputProblemException } from '@lib/platform';
import { Pool } from 'pg';
import { DomainError, type EvaluationErrorCode } from '../domain/error-codes';
import {
  type AssessmentCommand,
  type F01Problem,
  assessmentContext,
  assessmentDecider,
  assessmentStream,
  cycleStream,
  decideAssessment,
  findIndicator,
  proposalsStream,
  type ProposalSnapshot,
  type Ruleset,
  rulesetRefOf,
  scoredIndicators,
} from '../domain';

import { RulesetCatalog } from '../queries/ruleset-catalog';
import { currentProposal } from '../queries/unit-proposals.queries';
import { TenantTimeZones } from '../queries/tenant-time-zones';
import { EvidenceFileStore, type EvidenceScope } from './evidence-file-store';
import { readCycle, rereadingOnChange, resultsLock } from './stream-state';

type Without<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** An F-01/F-02 action without what the handler supplies (cycle context, dates, upload policy, the proposal decided on). */
export type AssessmentAction = Without<AssessmentCommand, 'context' | 'today' | 'now' | 'policy' | 'proposal'>;

/** Any command on a unit's assessment stream (`assessment-<tenantId>/<cycleId>/<unitId>`). */
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

/**
 * Scores entered at once name indicators of the pinned ruleset (each once, as the route checked), so
 * at most as many as it scores: anything else is bad input, refused as a whole with a 400 naming
 * `scores[i].indicatorCode`.
 */
function refuseScoresOutsideRuleset(ruleset: Ruleset, action: AssessmentAction): void {
  if (action.type !== 'ScoreIndicators') return;
  const scored = scoredIndicators(ruleset).length;
  if (action.scores.length > scored) {
    throw new InputProblemException([
      { field: 'scores', rule: 'arrayMaxSize', message: `${ruleset.id} v${ruleset.version} scores ${scored} indicators`, constraints: [scored] },
    ]);
  }
  const unknown = action.scores.flatMap(({ indicatorCode }, index) =>
    findIndicator(ruleset, indicatorCode)
      ? []
      : [
          {
            field: `scores[${index}].indicatorCode`,
            rule: 'known',
            message: `${indicatorCode} is not a scored indicator of ${ruleset.id} v${ruleset.version}`,
          },
        ],
  );
  if (unknown.length > 0) throw new InputProblemException(unknown);
}

/** F-01 answers that break their question's rules are bad input: a 400 naming each field (and so the question), not a 409. */
const F01_INPUT_CODES: readonly string[] = ['ASSESSMENT.INVALID_ANSWER', 'ASSESSMENT.EVIDENCE_REQUIRED'] satisfies EvaluationErrorCode[];

function asInputProblem<T>(decide: () => T): T {
  try {
    return decide();
  } catch (error) {
    if (!(error instanceof AnyDomainError) || !F01_INPUT_CODES.includes(error.code)) throw error;
    const problems = (error.details?.problems ?? []) as F01Problem[];
    throw new InputProblemException(
      problems.map(({ field, rule, message }) => ({ field, rule, message })),
      error.code,
    );
  }
}

@CommandHandler(HandleAssessmentCommand)
export class HandleAssessmentHandler implements ICommandHandler<HandleAssessmentCommand> {
  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly rulesets: RulesetCatalog,
    private readonly clock: Clock,
    private readonly evidenceFiles: EvidenceFileStore,
    private readonly timeZones: TenantTimeZones,
    private readonly pool: Pool,
  ) {}

  async execute({ cycleId, unitId, action: requested, meta }: HandleAssessmentCommand): Promise<AppendResult> {
    const action = await this.withStoredFile({ tenantId: meta.tenantId, cycleId, unitId }, requested);
    return rereadingOnChange(async () => {
      const { state: cycle, version: cycleVersion } = await readCycle(this.store, meta.tenantId, cycleId);
      if (cycle.status === 'none') throw new DomainError('CYCLE.NOT_FOUND', `no cycle ${cycleId}`);
      const ruleset = await this.rulesets.get(meta.tenantId, rulesetRefOf(cycle, unitId));
      refuseScoresOutsideRuleset(ruleset, action);
      const instant = this.clock.now();
      const today = await this.timeZones.localDate(meta.tenantId, instant);
      const decidedOn = await this.proposalDecidedOn({ tenantId: meta.tenantId, cycleId, unitId }, ruleset, action);
      // decided on the cycle (and proposal) as read: if it changes before the append (results published, say), read again
      const guard: AppendGuard = {
        lockKey: resultsLock(meta.tenantId, cycleId),
        lockMode: 'shared',
        unchanged: [{ streamId: cycleStream(meta.tenantId, cycleId), version: cycleVersion }, ...decidedOn.unchanged],
      };
      return this.store.handle(
        assessmentStream(meta.tenantId, cycleId, unitId),
        assessmentDecider,
        (state) => {
          const context = assessmentContext(cycle, unitId, ruleset);
          const command = { ...action, context, today, now: instant.toISOString(), policy: this.evidenceFiles.policy, proposal: decidedOn.proposal };
          return asInputProblem(() => decideAssessment(command, state));
        },
        meta,
        { guard },
      );
    });
  }

  /**
   * For a confirmation or an override: the indicator's proposal as it stands, and its proposals stream
   * at the version read with it, which the append checks unchanged: a proposal recomputed meanwhile
   * is read again, so an evaluator never confirms a level the events no longer propose. The indicator
   * comes from the path, so one the pinned ruleset does not score is bad input, not a conflict.
   */
  private async proposalDecidedOn(
    scope: { tenantId: string; cycleId: string; unitId: string },
    ruleset: Ruleset,
    action: AssessmentAction,
  ): Promise<{ proposal: ProposalSnapshot | null; unchanged: AppendGuard['unchanged'] }> {
    if (action.type !== 'ConfirmProposal' && action.type !== 'OverrideProposal') return { proposal: null, unchanged: [] };
    if (!findIndicator(ruleset, action.indicatorCode)) {
      throw new InputProblemException([
        { field: 'indicatorCode', rule: 'known', message: `${action.indicatorCode} is not a scored indicator of ${ruleset.id} v${ruleset.version}` },
      ]);
    }
    const streamId = proposalsStream(scope.tenantId, scope.cycleId, scope.unitId);
    const { proposal, streamVersion } = await currentProposal(this.pool, { ...scope, streamId, indicatorCode: action.indicatorCode });
    return { proposal, unchanged: [{ streamId, version: streamVersion }] };
  }

  /**
   * A file is attached by the storage key its upload returned; its hash, size and type are taken from
   * the stored file, so evidence events only ever name bytes the service holds. The file must have
   * been uploaded for this unit and cycle (or be attached to its assessment already): another unit's
   * hash is refused exactly like one never uploaded. A hash the client states must agree.
   */
  private async withStoredFile(scope: EvidenceScope, action: AssessmentAction): Promise<AssessmentAction> {
    if (action.type !== 'AttachEvidence' || action.evidence.kind !== 'file') return action;
    const { evidence } = action;
    const stored = await this.evidenceFiles.findForUnit(scope, evidence.storageKey);
    if (!stored) {
      throw new DomainError('ASSESSMENT.EVIDENCE_FILE_NOT_UPLOADED', `no uploaded file ${evidence.storageKey}; upload it to evidence-files first`, {
        storageKey: evidence.storageKey,
      });
    }
    if (evidence.sha256 !== '' && evidence.sha256.toLowerCase() !== stored.sha256) {
      throw new DomainError('ASSESSMENT.EVIDENCE_HASH_MISMATCH', `the stated sha256 is not the uploaded file's (${stored.sha256})`);
    }
    return { ...action, evidence: { ...evidence, sha256: stored.sha256, sizeBytes: stored.sizeBytes, mediaType: stored.mediaType } };
  }
}
