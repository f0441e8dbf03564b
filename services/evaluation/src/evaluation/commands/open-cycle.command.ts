import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { InputProblemException } from '@lib/platform';
import {
  type ComplianceRulesetRef,
  type CyclePhase,
  cycleDecider,
  cycleStream,
  DEFAULT_COMPLIANCE_RULESET_ID,
  decideCycle,
  latestComplianceRuleset,
  type PhaseWindow,
  shippedComplianceRulesets,
} from '../domain';
import type { EvaluationErrorCode } from '../domain/error-codes';
import { RulesetCatalog } from '../queries/ruleset-catalog';

export class OpenCycleCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly name: string,
    readonly rulesetId: string,
    readonly rulesetVersion: number | undefined,
    /** `phases`: the windows the admin set; a phase not named takes its default (`derivedPhaseWindows`). */
    readonly window: { windowStart: string; windowEnd: string; selfAssessmentDue: string; phases?: Partial<Record<CyclePhase, PhaseWindow>> },
    readonly meta: CommandMeta,
    /** The service chose the id because the client did not. */
    readonly idGenerated: boolean,
    /** The compliance ruleset to pin; default: the latest version of ombudsman-2025. */
    readonly compliance: { rulesetId?: string; rulesetVersion?: number } = {},
  ) {
    super();
  }
}

const COMPLIANCE_RULESET_NOT_FOUND: EvaluationErrorCode = 'COMPLIANCE.RULESET_NOT_FOUND';

/** A shipped compliance ruleset, or a 400 naming the field that names none. */
function pinnableComplianceRuleset({ rulesetId = DEFAULT_COMPLIANCE_RULESET_ID, rulesetVersion }: OpenCycleCommand['compliance']): ComplianceRulesetRef {
  const versions = shippedComplianceRulesets.filter((ruleset) => ruleset.id === rulesetId).map((ruleset) => ruleset.version);
  if (versions.length === 0) {
    const known = [...new Set(shippedComplianceRulesets.map((ruleset) => ruleset.id))].join(', ');
    throw new InputProblemException(
      [{ field: 'complianceRulesetId', rule: 'known-compliance-ruleset', message: `no compliance ruleset ${rulesetId}; known: ${known}` }],
      COMPLIANCE_RULESET_NOT_FOUND,
    );
  }
  if (rulesetVersion === undefined) {
    const latest = latestComplianceRuleset(rulesetId);
    return { id: latest.id, version: latest.version };
  }
  if (!versions.includes(rulesetVersion)) {
    throw new InputProblemException(
      [
        {
          field: 'complianceRulesetVersion',
          rule: 'known-compliance-ruleset-version',
          message: `compliance ruleset ${rulesetId} has no version ${rulesetVersion}; known: ${versions.sort((a, b) => a - b).join(', ')}`,
        },
      ],
      COMPLIANCE_RULESET_NOT_FOUND,
    );
  }
  return { id: rulesetId, version: rulesetVersion };
}

@CommandHandler(OpenCycleCommand)
export class OpenCycleHandler implements ICommandHandler<OpenCycleCommand> {
  constructor(
    private readonly store: EventStore<EvaluationEvent>,
    private readonly rulesets: RulesetCatalog,
  ) {}

  async execute({ cycleId, name, rulesetId, rulesetVersion, window, meta, idGenerated, compliance }: OpenCycleCommand): Promise<AppendResult> {
    const complianceRuleset = pinnableComplianceRuleset(compliance);
    const ruleset = await this.rulesets.find(meta.tenantId, rulesetId, rulesetVersion);
    const kodeB = ruleset.kodeBRulesetId === undefined ? null : await this.rulesets.find(meta.tenantId, ruleset.kodeBRulesetId);
    const kodeBRuleset = kodeB && { id: kodeB.id, version: kodeB.version };
    return this.store.handle(
      cycleStream(meta.tenantId, cycleId),
      cycleDecider,
      (state) => decideCycle({ type: 'OpenCycle', cycleId, name, ruleset, kodeBRuleset, complianceRuleset, ...window }, state),
      meta,
      // a retried opening without a client-chosen id comes with a fresh one: its key answers the first cycle
      idGenerated ? { createsStreamWithPrefix: cycleStream(meta.tenantId, '') } : {},
    );
  }
}
