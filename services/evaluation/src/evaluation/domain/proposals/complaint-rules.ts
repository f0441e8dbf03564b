import type { ComplaintChannel, ComplaintFigures, EvidencedStep } from './figures';
import { listText, makeProposal } from './make-proposal';
import { compareToPercent, share, shownPercent, percentText, type Proposal } from './proposal';
import type { ProposalRuleset } from './proposal-rules';

// Indicators 26.e.P, 27.e.Ak and 28.e.Ak from complaint and deadline-breach events.

const CHANNEL_NAMES: Readonly<Record<ComplaintChannel, string>> = { 'in-person': 'tatap muka', web: 'formulir web', lapor: 'SP4N-LAPOR!' };
const CHANNEL_ORDER: readonly ComplaintChannel[] = ['in-person', 'web', 'lapor'];

const complaintEvents = (figures: ComplaintFigures): string[] => figures.complaints.flatMap((c) => [...c.eventIds, ...c.breaches.map((b) => b.eventId)]);

// ── rule: 26.e.P complaint-channels ─────────────────────────────────────────────────────────────

export function complaintChannels(rules: ProposalRuleset, figures: ComplaintFigures): Proposal {
  const entry = rules.complaintChannels;
  const received = Object.fromEntries(CHANNEL_ORDER.map((channel) => [channel, figures.complaints.filter((c) => c.channel === channel).length]));
  const used = CHANNEL_ORDER.filter((channel) => received[channel] > 0);
  const offline = received['in-person'] > 0;
  const online = received.web > 0 || received.lapor > 0;
  const layout = figures.frontOffice?.layout ?? 'combined';
  const level = used.length === 0 ? 0 : !offline ? 1 : !online ? (layout === 'separate' ? 2 : 1) : layout === 'separate' ? (received.lapor > 0 ? 5 : 4) : 3;
  const layoutText = figures.frontOffice
    ? layout === 'separate'
      ? 'terpisah dari front office'
      : 'menyatu dengan front office'
    : 'dianggap menyatu dengan front office karena belum dinyatakan terpisah';
  const explanation =
    used.length === 0
      ? 'Tidak ada pengaduan yang masuk melalui saluran mana pun pada periode ini, sehingga sarana pengaduan belum terlihat dari peristiwa.'
      : !offline
        ? `Pengaduan hanya masuk secara daring (${listText(used.map((c) => CHANNEL_NAMES[c]))}), tanpa sarana tatap muka.`
        : `Pengaduan masuk melalui ${listText(used.map((c) => CHANNEL_NAMES[c]))}, dengan sarana tatap muka ${layoutText}${level === 4 ? ', tetapi tidak ada yang melalui SP4N-LAPOR!' : ''}.`;
  return makeProposal(
    entry,
    level,
    { receivedByChannel: received, frontOfficeLayout: layout, frontOfficeDeclared: figures.frontOffice !== null },
    explanation,
    [...figures.complaints.flatMap((c) => c.eventIds), ...(figures.frontOffice?.eventIds ?? [])],
  );
}

// ── rule: 27.e.Ak complaint-accountability ──────────────────────────────────────────────────────

interface LadderStep {
  name: string;
  /** Null when no event records the step at all. */
  evidenced: boolean | null;
  eventIds: readonly string[];
}

const fromEvents = (name: string, step: EvidencedStep): LadderStep => ({ name, evidenced: step?.evidenced ?? null, eventIds: step?.eventIds ?? [] });

export function complaintAccountability(rules: ProposalRuleset, figures: ComplaintFigures): Proposal {
  const entry = rules.complaintAccountability;
  const total = figures.complaints.length;
  const answered = figures.complaints.filter((c) => c.answered).length;
  const steps: LadderStep[] = [
    { name: 'diarsipkan', evidenced: total > 0, eventIds: [] },
    fromEvents('dituangkan dalam laporan', figures.accountability.reported),
    fromEvents('dilakukan monev', figures.accountability.monitored),
    { name: 'ditindaklanjuti', evidenced: total > 0 && answered === total, eventIds: [] },
    fromEvents('dipublikasikan', figures.accountability.published),
  ];
  const firstMissing = steps.findIndex((step) => step.evidenced !== true);
  const level = firstMissing === -1 ? steps.length : firstMissing;
  const stopped = steps[firstMissing];
  const explanation =
    total === 0
      ? 'Tidak ada pengaduan yang terdokumentasi di Pantau pada periode ini.'
      : !stopped
        ? `Seluruh ${total} pengaduan terdokumentasi, dilaporkan, dimonev, ditindaklanjuti, dan dipublikasikan.`
        : stopped.name === 'ditindaklanjuti'
          ? `Pengaduan terdokumentasi sampai tahap monev, tetapi ${total - answered} dari ${total} pengaduan belum dijawab atau diselesaikan.`
          : stopped.evidenced === null
            ? `${total} pengaduan terdokumentasi di Pantau; tahap "${stopped.name}" belum tercatat sebagai peristiwa, sehingga dinilai evaluator dari bukti dukung.`
            : `${total} pengaduan terdokumentasi, tetapi belum ${stopped.name}.`;
  return makeProposal(
    entry,
    level,
    {
      received: total,
      answered,
      answeredPercent: shownPercent(share(answered, total)),
      steps: steps.map((step) => ({ name: step.name, evidenced: step.evidenced })),
    },
    explanation,
    [...complaintEvents(figures), ...steps.flatMap((step) => step.eventIds)],
  );
}

// ── rule: 28.e.Ak complaint-resolution-share ────────────────────────────────────────────────────

export function complaintResolutionShare(rules: ProposalRuleset, figures: ComplaintFigures): Proposal {
  const entry = rules.complaintResolution;
  const t = entry.thresholds;
  const complaints = figures.complaints;
  const received = complaints.length;
  const resolved = complaints.filter((c) => c.resolved).length;
  const lapor = complaints.filter((c) => c.channel === 'lapor');
  const laporResolved = lapor.filter((c) => c.resolved).length;
  const resolvedWithinDeadline = complaints.filter((c) => c.resolved && c.resolvedWithinDeadline).length;
  const resolvedShare = share(resolved, received);
  const laporShare = share(laporResolved, lapor.length);
  const level =
    resolved === 0
      ? 0
      : laporShare !== undefined
        ? compareToPercent(laporShare, t.laporBelowPercentLevel3) < 0
          ? 3
          : compareToPercent(laporShare, t.laporFromPercentLevel5) < 0
            ? 4
            : 5
        : resolvedShare !== undefined && compareToPercent(resolvedShare, t.withoutLaporFromPercentLevel2) >= 0
          ? 2
          : 1;
  const explanation =
    received === 0
      ? 'Tidak ada pengaduan yang masuk pada periode ini, sehingga tidak ada yang ditindaklanjuti hingga selesai.'
      : resolved === 0
        ? `Belum ada dari ${received} pengaduan yang ditindaklanjuti hingga selesai.`
        : laporShare !== undefined
          ? `${laporResolved} dari ${lapor.length} pengaduan yang masuk ke SP4N-LAPOR! ditindaklanjuti hingga selesai (${percentText(shownPercent(laporShare))}).`
          : `${resolved} dari ${received} pengaduan ditindaklanjuti hingga selesai (${percentText(shownPercent(resolvedShare))}), tidak ada yang melalui SP4N-LAPOR!.`;
  const ruleSource =
    received === 0
      ? {
          kind: 'pantau' as const,
          reason: 'no complaint was received: we read level 0 ("tidak ada … yang ditindaklanjuti") literally; the evaluator may judge otherwise',
        }
      : entry.ruleSource;
  return makeProposal(
    entry,
    level,
    {
      received,
      resolved,
      resolvedPercent: shownPercent(resolvedShare),
      resolvedWithinDeadline,
      resolvedWithinDeadlinePercent: shownPercent(share(resolvedWithinDeadline, received)),
      viaLapor: { received: lapor.length, resolved: laporResolved, resolvedPercent: shownPercent(laporShare) },
      breaches: complaints.flatMap((c) => c.breaches.map((b) => ({ complaintId: c.complaintId, kind: b.kind, dueDate: b.dueDate, eventId: b.eventId }))),
    },
    explanation,
    complaintEvents(figures),
    ruleSource,
  );
}
