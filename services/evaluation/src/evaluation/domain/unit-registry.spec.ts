import type { evaluationPb } from '@lib/contracts';
import { type DeciderOutcome, givenWhen } from '@lib/event-sourcing/domain';
import { type RegisteredUnit, unitRegistryDecider, type UnitRegistryEvent, unitRegistryStream } from './unit-registry';

const registered = (unitId: string, name: string, kind: string, parentUnitId = ''): UnitRegistryEvent => ({
  $case: 'unitRegistered',
  value: { unitId, name, kind: `UNIT_KIND_${kind}` as evaluationPb.UnitKind, parentUnitId },
});
const register = (unit: Partial<RegisteredUnit> & { unitId: string }) => ({
  type: 'RegisterUnit' as const,
  unit: { name: 'Dinas Kesehatan', kind: 'skpd' as const, parentUnitId: null, ...unit },
});
const registerMany = (...units: (Partial<RegisteredUnit> & { unitId: string })[]) => ({
  type: 'RegisterUnits' as const,
  units: units.map((unit) => register(unit).unit),
});
const error = (code: string): DeciderOutcome<UnitRegistryEvent> => ({ error: { code } });
const events = (...list: UnitRegistryEvent[]): DeciderOutcome<UnitRegistryEvent> => ({ events: list });

const dinkes = registered('dinkes', 'Dinas Kesehatan', 'SKPD');
const kecamatan = registered('kec-utara', 'Kecamatan Banjarmasin Utara', 'KECAMATAN');

describe('unit registry decider', () => {
  it.each<[string, UnitRegistryEvent[], ReturnType<typeof register>, DeciderOutcome<UnitRegistryEvent>]>([
    ['registers a top-level SKPD', [], register({ unitId: 'dinkes' }), events(dinkes)],
    [
      'registers a puskesmas under its dinas',
      [dinkes],
      register({ unitId: 'pkm-teluk-dalam', name: ' Puskesmas Teluk Dalam ', kind: 'puskesmas', parentUnitId: 'dinkes' }),
      events(registered('pkm-teluk-dalam', 'Puskesmas Teluk Dalam', 'PUSKESMAS', 'dinkes')),
    ],
    [
      'registers a kelurahan under its kecamatan',
      [kecamatan],
      register({ unitId: 'kel-alalak', name: 'Kelurahan Alalak Utara', kind: 'kelurahan', parentUnitId: 'kec-utara' }),
      events(registered('kel-alalak', 'Kelurahan Alalak Utara', 'KELURAHAN', 'kec-utara')),
    ],
    ['registering the same unit again records nothing', [dinkes], register({ unitId: 'dinkes' }), events()],
    ['refuses the same id with other data', [dinkes], register({ unitId: 'dinkes', name: 'Dinas Sosial' }), error('UNIT.ALREADY_REGISTERED')],
    [
      'refuses the same id moved under another parent',
      [dinkes, kecamatan, registered('pkm-1', 'Dinas Kesehatan', 'SKPD', 'dinkes')],
      register({ unitId: 'pkm-1', parentUnitId: 'kec-utara' }),
      error('UNIT.ALREADY_REGISTERED'),
    ],
    ['refuses a parent not registered yet', [], register({ unitId: 'pkm-1', kind: 'puskesmas', parentUnitId: 'dinkes' }), error('UNIT.PARENT_NOT_REGISTERED')],
    ['refuses a unit as its own parent', [dinkes], register({ unitId: 'dinkes', parentUnitId: 'dinkes' }), error('UNIT.OWN_PARENT')],
    ['refuses a blank name', [], register({ unitId: 'dinkes', name: '  ' }), error('UNIT.NAME_REQUIRED')],
    ['refuses an unknown kind', [], register({ unitId: 'dinkes', kind: 'kantor' as never }), error('UNIT.UNKNOWN_KIND')],
    ['refuses an id with spaces', [], register({ unitId: 'dinas kesehatan' }), error('UNIT.INVALID_ID')],
  ])('%s', (_name, given, when, expected) => {
    expect(givenWhen(unitRegistryDecider, given, when)).toEqual(expected);
  });

  it.each<[string, UnitRegistryEvent[], ReturnType<typeof registerMany>, DeciderOutcome<UnitRegistryEvent>]>([
    [
      'registers many units in one command, a parent before its children in the same list',
      [],
      registerMany({ unitId: 'dinkes' }, { unitId: 'pkm-1', name: 'Puskesmas 1', kind: 'puskesmas', parentUnitId: 'dinkes' }),
      events(dinkes, registered('pkm-1', 'Puskesmas 1', 'PUSKESMAS', 'dinkes')),
    ],
    [
      'a unit already registered with the same data records nothing; the new ones record',
      [dinkes],
      registerMany({ unitId: 'dinkes' }, { unitId: 'kec-utara', name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan' }),
      events(kecamatan),
    ],
    [
      'the same list again records nothing',
      [dinkes, kecamatan],
      registerMany({ unitId: 'dinkes' }, { unitId: 'kec-utara', name: 'Kecamatan Banjarmasin Utara', kind: 'kecamatan' }),
      events(),
    ],
    [
      'refuses the whole list when one unit breaks a rule (all or nothing)',
      [],
      registerMany({ unitId: 'dinkes' }, { unitId: 'pkm-1', kind: 'puskesmas', parentUnitId: 'dinas-lain' }),
      error('UNIT.PARENT_NOT_REGISTERED'),
    ],
    [
      'refuses a child listed before its parent',
      [],
      registerMany({ unitId: 'pkm-1', kind: 'puskesmas', parentUnitId: 'dinkes' }, { unitId: 'dinkes' }),
      error('UNIT.PARENT_NOT_REGISTERED'),
    ],
    ['refuses a unit listed twice', [], registerMany({ unitId: 'dinkes' }, { unitId: 'dinkes' }), error('UNIT.DUPLICATE_IN_LIST')],
    ['refuses an empty list', [], registerMany(), error('UNIT.NO_UNITS')],
    [
      'refuses a registered unit with other data in the list',
      [dinkes],
      registerMany({ unitId: 'dinkes', name: 'Dinas Sosial' }),
      error('UNIT.ALREADY_REGISTERED'),
    ],
  ])('%s', (_name, given, when, expected) => {
    expect(givenWhen(unitRegistryDecider, given, when)).toEqual(expected);
  });

  it('keeps units in registration order with their parents', () => {
    const state = [dinkes, registered('pkm-1', 'Puskesmas 1', 'PUSKESMAS', 'dinkes')].reduce(unitRegistryDecider.evolve, unitRegistryDecider.initialState());
    expect(state).toEqual([
      { unitId: 'dinkes', name: 'Dinas Kesehatan', kind: 'skpd', parentUnitId: null },
      { unitId: 'pkm-1', name: 'Puskesmas 1', kind: 'puskesmas', parentUnitId: 'dinkes' },
    ]);
  });

  it('names one registry stream per tenant', () => {
    expect(unitRegistryStream('kota-banjarmasin')).toBe('units-kota-banjarmasin');
  });
});
