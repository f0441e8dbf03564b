import { complaintAccountability, complaintChannels, complaintResolutionShare } from './complaint-rules';
import type { ComplaintChannel, ComplaintFigure, ComplaintFigures } from './figures';
import { PROPOSAL_RULES_2023 } from './proposal-rules';

let complaintNo = 0;
function complaint(channel: ComplaintChannel, state: { answered?: boolean; resolved?: boolean; withinDeadline?: boolean } = {}): ComplaintFigure {
  complaintNo += 1;
  const resolved = state.resolved ?? false;
  return {
    complaintId: `c-${complaintNo}`,
    channel,
    answered: state.answered ?? resolved,
    resolved,
    resolvedWithinDeadline: resolved && (state.withinDeadline ?? true),
    breaches: [],
    eventIds: [`received-${complaintNo}`],
  };
}
/** `resolved` of `total` complaints through `channel` resolved. */
const batch = (channel: ComplaintChannel, total: number, resolved: number): ComplaintFigure[] =>
  Array.from({ length: total }, (_, k) => complaint(channel, { resolved: k < resolved }));

function figures(complaints: ComplaintFigure[], overrides: Partial<ComplaintFigures> = {}): ComplaintFigures {
  return { asOf: '2025-12-31', complaints, frontOffice: null, accountability: { reported: null, monitored: null, published: null }, ...overrides };
}
const separate = { layout: 'separate' as const, eventIds: ['layout-declared'] };
const combined = { layout: 'combined' as const, eventIds: ['layout-declared'] };
const evidenced = { evidenced: true, eventIds: ['step'] };

describe('26.e.P complaint-channels', () => {
  it.each<[string, ComplaintFigures, number]>([
    ['no complaint through any channel → 0', figures([]), 0],
    ['in person only, layout not declared (read as combined) → 1', figures([complaint('in-person')]), 1],
    ['in person only, combined with the front office → 1', figures([complaint('in-person')], { frontOffice: combined }), 1],
    ['in person only, separate desk → 2', figures([complaint('in-person')], { frontOffice: separate }), 2],
    ['online only, no offline channel (gap in the text) → 1', figures([complaint('web'), complaint('lapor')], { frontOffice: separate }), 1],
    ['in person combined and web → 3', figures([complaint('in-person'), complaint('web')], { frontOffice: combined }), 3],
    [
      'in person combined and SP4N-LAPOR! (level 5 needs a separate desk) → 3',
      figures([complaint('in-person'), complaint('lapor')], { frontOffice: combined }),
      3,
    ],
    ['in person separate and web → 4', figures([complaint('in-person'), complaint('web')], { frontOffice: separate }), 4],
    ['in person separate and SP4N-LAPOR! → 5', figures([complaint('in-person'), complaint('lapor')], { frontOffice: separate }), 5],
  ])('%s', (_name, input, level) => {
    expect(complaintChannels(PROPOSAL_RULES_2023, input)).toMatchObject({
      indicatorCode: '26.e.P',
      ruleId: 'complaint-channels',
      level,
      ruleSource: { kind: 'pantau' },
    });
  });

  it('says when the front office layout was assumed', () => {
    const proposal = complaintChannels(PROPOSAL_RULES_2023, figures([complaint('in-person'), complaint('web')]));
    expect(proposal.figures).toMatchObject({ frontOfficeLayout: 'combined', frontOfficeDeclared: false });
    expect(proposal.explanation).toContain('dianggap menyatu dengan front office');
  });
});

describe('27.e.Ak complaint-accountability', () => {
  const answered = [complaint('web', { answered: true }), complaint('lapor', { resolved: true })];
  const allSteps = { reported: evidenced, monitored: evidenced, published: evidenced };
  it.each<[string, ComplaintFigures, number, RegExp]>([
    ['no complaint documented → 0', figures([]), 0, /Tidak ada pengaduan/],
    ['documented, reports not recorded as events → 1', figures(answered), 1, /dinilai evaluator/],
    [
      'documented, reports recorded as not made → 1',
      figures(answered, { accountability: { reported: { evidenced: false, eventIds: [] }, monitored: null, published: null } }),
      1,
      /belum dituangkan/,
    ],
    [
      'documented and reported, monev not recorded → 2',
      figures(answered, { accountability: { reported: evidenced, monitored: null, published: null } }),
      2,
      /dilakukan monev/,
    ],
    [
      'reported and monitored, one complaint not answered → 3',
      figures([...answered, complaint('web')], { accountability: allSteps }),
      3,
      /1 dari 3 pengaduan belum dijawab/,
    ],
    [
      'reported, monitored and every complaint answered, not published → 4',
      figures(answered, { accountability: { ...allSteps, published: null } }),
      4,
      /dipublikasikan/,
    ],
    ['every step → 5', figures(answered, { accountability: allSteps }), 5, /Seluruh 2 pengaduan/],
  ])('%s', (_name, input, level, explanation) => {
    const proposal = complaintAccountability(PROPOSAL_RULES_2023, input);
    expect(proposal).toMatchObject({ indicatorCode: '27.e.Ak', ruleId: 'complaint-accountability', level });
    expect(proposal.explanation).toMatch(explanation);
  });
});

describe('28.e.Ak complaint-resolution-share', () => {
  it.each<[string, ComplaintFigures, number]>([
    ['no complaint received → 0', figures([]), 0],
    ['none resolved → 0', figures(batch('web', 4, 0)), 0],
    ['without SP4N-LAPOR!, 49% resolved → 1', figures(batch('web', 100, 49)), 1],
    ['without SP4N-LAPOR!, exactly 50% resolved → 2', figures(batch('in-person', 2, 1)), 2],
    ['without SP4N-LAPOR!, all resolved → 2', figures(batch('web', 3, 3)), 2],
    ['SP4N-LAPOR! complaints none resolved, others resolved → 3', figures([...batch('lapor', 2, 0), ...batch('web', 2, 2)]), 3],
    ['SP4N-LAPOR! 49% → 3', figures(batch('lapor', 100, 49)), 3],
    ['SP4N-LAPOR! exactly 50% → 4', figures(batch('lapor', 100, 50)), 4],
    ['SP4N-LAPOR! 89% → 4', figures(batch('lapor', 100, 89)), 4],
    ['SP4N-LAPOR! exactly 90% → 5', figures(batch('lapor', 100, 90)), 5],
    ['SP4N-LAPOR! 100% → 5', figures(batch('lapor', 3, 3)), 5],
  ])('%s', (_name, input, level) => {
    expect(complaintResolutionShare(PROPOSAL_RULES_2023, input)).toMatchObject({ indicatorCode: '28.e.Ak', ruleId: 'complaint-resolution-share', level });
  });

  it('shows the share resolved within the deadline and lists the breaches, without letting them change the level', () => {
    const late = {
      ...complaint('lapor', { resolved: true, withinDeadline: false }),
      breaches: [{ kind: 'resolution' as const, dueDate: '2025-03-01', eventId: 'breach-1' }],
    };
    const proposal = complaintResolutionShare(PROPOSAL_RULES_2023, figures([late, complaint('lapor', { resolved: true })]));
    expect(proposal.level).toBe(5);
    expect(proposal.figures).toMatchObject({
      received: 2,
      resolved: 2,
      resolvedWithinDeadline: 1,
      resolvedWithinDeadlinePercent: 50,
      viaLapor: { received: 2, resolved: 2, resolvedPercent: 100 },
      breaches: [{ complaintId: late.complaintId, kind: 'resolution', dueDate: '2025-03-01', eventId: 'breach-1' }],
    });
    expect(proposal.sourceEventIds).toContain('breach-1');
  });

  it('marks reading "no complaints" as level 0 as ours', () => {
    expect(complaintResolutionShare(PROPOSAL_RULES_2023, figures([])).ruleSource.kind).toBe('pantau');
    expect(complaintResolutionShare(PROPOSAL_RULES_2023, figures(batch('lapor', 1, 1))).ruleSource.kind).toBe('kemenpanrb-level-text');
  });
});
