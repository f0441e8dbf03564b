import { type IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { InputProblemException } from '@lib/platform';
import { Pool } from 'pg';
import {
  type ComplianceGradeRecord,
  complianceDimensionSources,
  complianceGradeRecord,
  type ComplianceInputWithSources,
  complianceRuleset,
  type ComplianceRuleset,
  type ComplianceRulesetRef,
  gradeCompliance,
  latestComplianceRuleset,
  shippedComplianceRulesets,
} from '../domain';
import { DomainError, type EvaluationErrorCode } from '../domain/error-codes';

export interface UnitComplianceView extends Omit<ComplianceGradeRecord, 'ruleset'> {
  cycleId: string;
  unitId: string;
  /** The ruleset this grade is computed under. */
  ruleset: ComplianceRulesetRef & { title: string };
  /** The ruleset the cycle pins: the stored grade's, unless this is a what-if. */
  pinnedRuleset: ComplianceRulesetRef;
  /** Graded under another ruleset than the pinned one, from the same input; nothing was recorded. */
  whatIf: boolean;
  /** When the stored grade last changed (the latest event behind the change). */
  updatedAt: string;
}

/** A unit lokus's Ombudsman compliance grade in a cycle, as last computed; with `whatIf`, the same input graded under another shipped ruleset. */
export class GetUnitComplianceQuery extends Query<UnitComplianceView> {
  constructor(
    readonly tenantId: string,
    readonly cycleId: string,
    readonly unitId: string,
    readonly whatIf?: { rulesetId: string; version?: number },
  ) {
    super();
  }
}

interface GradeRow {
  ruleset_id: string;
  ruleset_version: number;
  grade: ComplianceGradeRecord;
  input: ComplianceInputWithSources;
  updated_at: Date;
}

const RULESET_NOT_FOUND: EvaluationErrorCode = 'COMPLIANCE.RULESET_NOT_FOUND';

/** A shipped compliance ruleset for a what-if, or a 400 naming the query parameter that names none. */
function whatIfRuleset({ rulesetId, version }: { rulesetId: string; version?: number }): ComplianceRuleset {
  const versions = shippedComplianceRulesets.filter((ruleset) => ruleset.id === rulesetId);
  if (versions.length === 0) {
    const known = [...new Set(shippedComplianceRulesets.map((ruleset) => ruleset.id))].join(', ');
    throw new InputProblemException(
      [{ field: 'ruleset', rule: 'known-compliance-ruleset', message: `no compliance ruleset ${rulesetId}; known: ${known}` }],
      RULESET_NOT_FOUND,
    );
  }
  if (version === undefined) return latestComplianceRuleset(rulesetId);
  const found = versions.find((ruleset) => ruleset.version === version);
  if (!found) {
    throw new InputProblemException(
      [{ field: 'version', rule: 'known-compliance-ruleset-version', message: `compliance ruleset ${rulesetId} has no version ${version}` }],
      RULESET_NOT_FOUND,
    );
  }
  return found;
}

@QueryHandler(GetUnitComplianceQuery)
export class GetUnitComplianceHandler implements IQueryHandler<GetUnitComplianceQuery> {
  constructor(private readonly pool: Pool) {}

  async execute({ tenantId, cycleId, unitId, whatIf }: GetUnitComplianceQuery): Promise<UnitComplianceView> {
    const alternative = whatIf && whatIfRuleset(whatIf);
    const { rows } = await this.pool.query<GradeRow>(
      `SELECT ruleset_id, ruleset_version, grade, input, updated_at FROM compliance_grades_v1 WHERE tenant_id = $1 AND cycle_id = $2 AND unit_id = $3`,
      [tenantId, cycleId, unitId],
    );
    const row = rows[0];
    if (!row) throw new DomainError('COMPLIANCE.GRADE_NOT_FOUND', `unit ${unitId} has no compliance grade in cycle ${cycleId}`);
    const pinnedRuleset = { id: row.ruleset_id, version: row.ruleset_version };
    const grade = alternative
      ? complianceGradeRecord(gradeCompliance(alternative, row.input.input), complianceDimensionSources(alternative, row.input.sources))
      : row.grade;
    const ruleset = alternative ?? complianceRuleset(pinnedRuleset);
    return {
      ...grade,
      cycleId,
      unitId,
      ruleset: { ...grade.ruleset, title: ruleset.title },
      pinnedRuleset,
      whatIf: alternative !== undefined && !(alternative.id === pinnedRuleset.id && alternative.version === pinnedRuleset.version),
      updatedAt: row.updated_at.toISOString(),
    };
  }
}
