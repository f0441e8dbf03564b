import { ApiProperty } from '@nestjs/swagger';
import type { UnitComplianceView } from '../queries/unit-compliance.queries';

const ZONES = ['hijau', 'kuning', 'merah'];
const MISSING_REASONS = [
  'no-service-products',
  'no-observed-items',
  'no-complaint-figures',
  'no-complaints-received',
  'no-skm-result',
  'no-public-trust-figure',
  'no-maladministration-record',
];

export class ComplianceRulesetRefResponse {
  @ApiProperty({ example: 'ombudsman-2025' })
  id!: string;

  @ApiProperty({ type: 'integer' })
  version!: number;
}

export class GradedComplianceRulesetResponse extends ComplianceRulesetRefResponse {
  @ApiProperty({ example: 'Ombudsman RI — Opini Ombudsman / Penilaian Maladministrasi Penyelenggaraan Pelayanan Publik (2025–)' })
  title!: string;
}

export class ComplianceBandResponse {
  @ApiProperty({ example: 'B', description: 'A zone (ombudsman-2021) or an opinion category (A–E)' })
  code!: string;

  @ApiProperty({ example: 'Kualitas Tinggi' })
  label!: string;

  @ApiProperty({ enum: ZONES })
  zone!: string;

  @ApiProperty({ description: 'The band’s edges are not confirmed against the regulation' })
  provisional!: boolean;
}

export class ComplianceCeilingResponse {
  @ApiProperty({ description: 'The total had every missing dimension scored 100' })
  total!: number;

  @ApiProperty({ type: () => ComplianceBandResponse })
  band!: ComplianceBandResponse;
}

export class ComplianceRuleSourceResponse {
  @ApiProperty({
    enum: ['ombudsman', 'pantau'],
    description: "`ombudsman`: the Ombudsman's own method; `pantau`: Pantau's mapping of the events onto the dimension",
  })
  origin!: string;

  @ApiProperty()
  provisional!: boolean;

  @ApiProperty({ description: 'Where the rule comes from, and why it is (or is not) the Ombudsman’s own' })
  source!: string;
}

export class ComplianceDimensionResponse {
  @ApiProperty({ example: 'proses' })
  code!: string;

  @ApiProperty({ example: 'Dimensi Proses (Pemenuhan Komponen Standar Pelayanan)' })
  name!: string;

  @ApiProperty({ example: 'empat-dimensi' })
  groupCode!: string;

  @ApiProperty({ type: 'integer', description: 'Weight of the dimension’s group in the total, basis points (10000 = 100 %)' })
  groupWeightBp!: number;

  @ApiProperty({ type: 'integer', description: 'Weight of the dimension in its group, basis points' })
  weightBp!: number;

  @ApiProperty({ type: Number, nullable: true, description: '0..100, 2 decimals; null when the dimension has no data' })
  score!: number | null;

  @ApiProperty({ description: 'Points of the total (group weight × weight × score), 4 decimals; 0 when missing' })
  contribution!: number;

  @ApiProperty({ type: String, enum: MISSING_REASONS, nullable: true, description: 'Why the dimension has no data; null when scored' })
  missing!: string | null;

  @ApiProperty({ type: () => ComplianceRuleSourceResponse })
  ruleSource!: ComplianceRuleSourceResponse;

  @ApiProperty({ type: [String], description: 'Ids of the events the dimension was computed from, sorted' })
  sourceEventIds!: string[];
}

export class MaladministrationFindingResponse {
  @ApiProperty({ description: 'Substantiated maladministration, or an Ombudsman action left unresolved' })
  found!: boolean;

  @ApiProperty({ example: 'Tanpa Maladministrasi' })
  label!: string;

  @ApiProperty({ type: [String] })
  sourceEventIds!: string[];
}

export class MissingComplianceInputResponse {
  @ApiProperty({ example: 'output', description: 'A dimension code, or "maladministration"' })
  part!: string;

  @ApiProperty({ enum: MISSING_REASONS })
  reason!: string;
}

export class UnitComplianceResponse {
  @ApiProperty()
  cycleId!: string;

  @ApiProperty()
  unitId!: string;

  @ApiProperty({ type: () => GradedComplianceRulesetResponse, description: 'The ruleset this grade is computed under' })
  ruleset!: GradedComplianceRulesetResponse;

  @ApiProperty({ type: () => ComplianceRulesetRefResponse, description: 'The compliance ruleset the cycle pins' })
  pinnedRuleset!: ComplianceRulesetRefResponse;

  @ApiProperty({ description: 'A what-if: the same input graded under another ruleset (?ruleset=); nothing was recorded' })
  whatIf!: boolean;

  @ApiProperty({ description: '0..100, 2 decimals as the ruleset rounds it; a floor while the grade is incomplete' })
  total!: number;

  @ApiProperty({ type: () => ComplianceBandResponse })
  band!: ComplianceBandResponse;

  @ApiProperty({
    example: 'Kualitas Tinggi Tanpa Maladministrasi',
    description: 'What a person reads: the band’s label, in 2025 with the maladministration finding',
  })
  label!: string;

  @ApiProperty({ description: 'Every dimension (and the 2025 maladministration record) has data' })
  complete!: boolean;

  @ApiProperty({ type: () => ComplianceCeilingResponse })
  ceiling!: ComplianceCeilingResponse;

  @ApiProperty({ type: () => [ComplianceDimensionResponse] })
  dimensions!: ComplianceDimensionResponse[];

  @ApiProperty({ type: () => MaladministrationFindingResponse, nullable: true, description: 'Null when the ruleset has no finding or its record is missing' })
  maladministration!: MaladministrationFindingResponse | null;

  @ApiProperty({ type: () => [MissingComplianceInputResponse] })
  missing!: MissingComplianceInputResponse[];

  @ApiProperty({ type: [String], description: 'Standar Pelayanan component codes the ruleset does not list (ignored)' })
  unknownComponentCodes!: string[];

  @ApiProperty({ type: [String], description: 'Input the ruleset does not read, e.g. publicTrust under ombudsman-2022' })
  ignoredInputs!: UnitComplianceView['ignoredInputs'];

  @ApiProperty()
  provisional!: boolean;

  @ApiProperty({ type: [String], description: 'Ruleset paths of the provisional parts the grade used' })
  provisionalParts!: string[];

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;
}
