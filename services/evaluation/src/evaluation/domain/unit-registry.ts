import type { EvaluationEvent, evaluationPb } from '@lib/contracts';
import { type Decider, type EventsOf, assertNever } from '@lib/event-sourcing/domain';
import { QUALIFIED_ID, QUALIFIED_ID_RULE } from '@lib/kernel';
import { DomainError } from './error-codes';
import { decideEach, firstRepeat } from './list-commands';

/**
 * The units of one tenant (Pemda), one stream per tenant (`units-<tenantId>`): the SKPD, bagian,
 * kecamatan, kelurahan, puskesmas and UPTD that run services, each under its parent unit (a puskesmas
 * under the dinas kesehatan, a kelurahan under its kecamatan).
 */

export const UNIT_KINDS = ['skpd', 'bagian', 'kecamatan', 'kelurahan', 'puskesmas', 'uptd'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

// the proto enum's string values; the domain imports contract types only
const KIND_TO_PB: Record<UnitKind, evaluationPb.UnitKind> = {
  skpd: 'UNIT_KIND_SKPD' as evaluationPb.UnitKind,
  bagian: 'UNIT_KIND_BAGIAN' as evaluationPb.UnitKind,
  kecamatan: 'UNIT_KIND_KECAMATAN' as evaluationPb.UnitKind,
  kelurahan: 'UNIT_KIND_KELURAHAN' as evaluationPb.UnitKind,
  puskesmas: 'UNIT_KIND_PUSKESMAS' as evaluationPb.UnitKind,
  uptd: 'UNIT_KIND_UPTD' as evaluationPb.UnitKind,
};

export const unitKindFromPb = (kind: evaluationPb.UnitKind): UnitKind | undefined => UNIT_KINDS.find((candidate) => KIND_TO_PB[candidate] === kind);

export interface RegisteredUnit {
  unitId: string;
  name: string;
  kind: UnitKind;
  parentUnitId: string | null;
}

/** Units in registration order, so a parent always comes before its children. */
export type UnitRegistry = readonly RegisteredUnit[];

/** `RegisterUnits`: many units at once, in order (a parent before its children), each decided as a RegisterUnit. */
export type UnitRegistryCommand = { type: 'RegisterUnit'; unit: RegisteredUnit } | { type: 'RegisterUnits'; units: RegisteredUnit[] };

export const UNIT_REGISTRY_EVENT_TYPES = ['unitRegistered'] as const;
export type UnitRegistryEvent = EventsOf<EvaluationEvent, typeof UNIT_REGISTRY_EVENT_TYPES>;

export const unitRegistryStream = (tenantId: string): string => `units-${tenantId}`;

function decide(command: UnitRegistryCommand, state: UnitRegistry): UnitRegistryEvent[] {
  switch (command.type) {
    case 'RegisterUnit':
      return registerUnit(command.unit, state);
    case 'RegisterUnits': {
      if (command.units.length === 0) throw new DomainError('UNIT.NO_UNITS', 'list at least one unit');
      const repeat = firstRepeat(command.units, (unit) => unit.unitId);
      if (repeat >= 0) {
        const { unitId } = command.units[repeat];
        throw new DomainError('UNIT.DUPLICATE_IN_LIST', `unit ${unitId} is listed twice`, { field: `units[${repeat}].unitId`, index: repeat, unitId });
      }
      return decideEach(evolve, state, { field: 'units', items: command.units }, registerUnit);
    }
    default:
      return assertNever(command);
  }
}

function registerUnit(unit: RegisteredUnit, state: UnitRegistry): UnitRegistryEvent[] {
  const name = unit.name.trim();
  if (!QUALIFIED_ID.test(unit.unitId)) throw new DomainError('UNIT.INVALID_ID', `unit id must be ${QUALIFIED_ID_RULE}, got "${unit.unitId}"`);
  if (name === '') throw new DomainError('UNIT.NAME_REQUIRED', 'a unit needs its official name');
  if (!UNIT_KINDS.includes(unit.kind)) throw new DomainError('UNIT.UNKNOWN_KIND', `kind must be one of ${UNIT_KINDS.join(', ')}, got ${unit.kind}`);
  if (unit.parentUnitId === unit.unitId) throw new DomainError('UNIT.OWN_PARENT', `unit ${unit.unitId} cannot be its own parent`);
  if (unit.parentUnitId !== null && !state.some((registered) => registered.unitId === unit.parentUnitId)) {
    throw new DomainError('UNIT.PARENT_NOT_REGISTERED', `register parent unit ${unit.parentUnitId} first`, { parentUnitId: unit.parentUnitId });
  }
  const existing = state.find((registered) => registered.unitId === unit.unitId);
  if (existing) {
    if (existing.name === name && existing.kind === unit.kind && existing.parentUnitId === unit.parentUnitId) return [];
    throw new DomainError('UNIT.ALREADY_REGISTERED', `unit ${unit.unitId} is already registered as ${existing.kind} "${existing.name}"`);
  }
  return [{ $case: 'unitRegistered', value: { unitId: unit.unitId, name, kind: KIND_TO_PB[unit.kind], parentUnitId: unit.parentUnitId ?? '' } }];
}

function evolve(state: UnitRegistry, event: UnitRegistryEvent): UnitRegistry {
  switch (event.$case) {
    case 'unitRegistered': {
      const { unitId, name, kind, parentUnitId } = event.value;
      const known = unitKindFromPb(kind);
      if (!known) return state;
      return [...state, { unitId, name, kind: known, parentUnitId: parentUnitId === '' ? null : parentUnitId }];
    }
    default:
      return assertNever(event.$case);
  }
}

export const unitRegistryDecider: Decider<UnitRegistryCommand, UnitRegistryEvent, UnitRegistry> = {
  eventTypes: UNIT_REGISTRY_EVENT_TYPES,
  initialState: () => [],
  decide,
  evolve,
};
