import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EvaluationEvent } from '@lib/contracts';
import { type AppendResult, type CommandMeta, EventStore } from '@lib/event-sourcing';
import { InputProblemException } from '@lib/platform';
import {
  type ComplianceRulesetRef,
  type CycleCommand,
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
import { readCycle } from './stream-state';

export class OpenCycleCommand extends Command<AppendResult> {
  constructor(
    readonly cycleId: string,
    readonly name: string,
    /** Unused when the instrument is copied. */
    readonly rulesetId: string,
    readonly rulesetVersion: number | undefined,
    /** `phases`: the windows the admin set; a phase not named takes its default (`derivedPhaseWindows`). */
    readonly window: { windowStart: string; windowEnd: string; selfAssessmentDue: string; phases?: Partial<Record<CyclePhase, PhaseWindow>> },
    readonly meta: CommandMeta,
    /** The service chose the id because the client did not. */
    readonly idGenerated: boolean,
    /** The compliance ruleset to pin; default: the latest version of ombudsman-2025. */
    readonly compliance: { rulesetId?: string; rulesetVersion?: number } = {},
    /** Another cycle of the tenant whose pinned rulesets (PEKPPP, Kode B, compliance) the new cycle pins too. */
    readonly copyInstrumentFrom?: string,
  ) {
    super();
  }
}

const COMPLIANCE_RULESET_NOT_FOUND: EvaluationErrorCode = 'COMPLIANCE.RULESET_NOT_FOUND';
const CYCLE_NOT_FOUND: EvaluationErrorCode = 'CYCLE.NOT_FOUND';

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

  async execute(command: OpenCycleCommand): Promise<AppendResult> {
    const { cycleId, name, window, meta, idGenerated } = command;
    const { ruleset, kodeBRuleset, complianceRuleset } = command.copyInstrumentFrom
      ? await this.copiedInstrument(meta.tenantId, command.copyInstrumentFrom)
      : await this.namedInstrument(meta.tenantId, command);
    return this.store.handle(
      cycleStream(meta.tenantId, cycleId),
      cycleDecider,
      (state) => decideCycle({ type: 'OpenCycle', cycleId, name, ruleset, kodeBRuleset, complianceRuleset, ...window }, state),
      meta,
      // a retried opening without a client-chosen id comes with a fresh one: its key answers the first cycle
      idGenerated ? { createsStreamWithPrefix: cycleStream(meta.tenantId, '') } : {},
    );
  }

  private async namedInstrument(tenantId: string, { rulesetId, rulesetVersion, compliance }: OpenCycleCommand): Promise<Instrument> {
    const complianceRuleset = pinnableComplianceRuleset(compliance);
    const ruleset = await this.rulesets.find(tenantId, rulesetId, rulesetVersion);
    const kodeB = ruleset.kodeBRulesetId === undefined ? null : await this.rulesets.find(tenantId, ruleset.kodeBRulesetId);
    return { ruleset, kodeBRuleset: kodeB && { id: kodeB.id, version: kodeB.version }, complianceRuleset };
  }

  /**
   * The source cycle's pins as they are, not the newest versions: a revision published since (the
   * tenant's own level texts, say) is for cycles that name it, and nothing here changes the source cycle.
   */
  private async copiedInstrument(tenantId: string, sourceCycleId: string): Promise<Instrument> {
    const { state: source } = await readCycle(this.store, tenantId, sourceCycleId);
    if (source.status === 'none') {
      throw new InputProblemException(
        [{ field: 'copyInstrumentFrom', rule: 'known-cycle', message: `no cycle ${sourceCycleId} to copy the instrument from` }],
        CYCLE_NOT_FOUND,
      );
    }
    const ruleset = await this.rulesets.find(tenantId, source.ruleset.id, source.ruleset.version);
    return { ruleset, kodeBRuleset: source.kodeBRuleset ?? null, complianceRuleset: source.complianceRuleset };
  }
}

type Instrument = Pick<Extract<CycleCommand, { type: 'OpenCycle' }>, 'ruleset' | 'kodeBRuleset' | 'complianceRuleset'>;
