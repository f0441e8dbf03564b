import type { LocalDate } from '@lib/kernel';
import { addMonths } from './calendar-months';
import type { ServiceStandardFigures, StandardFigures, StandardVersionFigure } from './figures';
import { levelAtLeast, listText, makeProposal } from './make-proposal';
import type { Proposal } from './proposal';
import type { ProposalRuleset, PublicationMediaKind } from './proposal-rules';

// Indicators 1.a.Ak, 3.a.T and 4.a.K from the catalog's ServiceStandardPublished/Revised events.

const versionEventIds = (services: readonly ServiceStandardFigures[]): string[] => services.flatMap((s) => s.versions.map((v) => v.eventId));

const byRevision = (versions: readonly StandardVersionFigure[]): StandardVersionFigure[] => [...versions].sort((a, b) => a.revision - b.revision);

const weakest = <T extends { level: number }>(rows: readonly T[]): T => rows.reduce((low, row) => (row.level < low.level ? row : low));

// ── rule: 1.a.Ak standard-completeness ──────────────────────────────────────────────────────────

export function standardCompleteness(rules: ProposalRuleset, figures: StandardFigures): Proposal {
  const entry = rules.standardCompleteness;
  const { componentCount } = entry.thresholds;
  if (figures.services.length === 0) {
    return makeProposal(entry, 0, { serviceCount: 0, services: [] }, 'Belum ada Standar Pelayanan yang diterbitkan di katalog layanan unit ini.', []);
  }
  const services = figures.services.map((service) => {
    const present = new Set(service.components.filter((c) => c.present).map((c) => c.number));
    const missingComponents = Array.from({ length: componentCount }, (_, k) => k + 1).filter((n) => !present.has(n));
    const latest = byRevision(service.versions).at(-1);
    const inForce = latest !== undefined && latest.effectiveOn <= figures.asOf;
    const level = missingComponents.length > 0 ? 1 : inForce ? 3 : 2;
    return { serviceId: service.serviceId, name: service.name, missingComponents, latestEffectiveOn: latest?.effectiveOn ?? null, inForce, level };
  });
  const low = weakest(services);
  const incomplete = services.filter((s) => s.missingComponents.length > 0);
  const explanation =
    low.level === 1
      ? `${incomplete.length} dari ${services.length} Standar Pelayanan belum memuat ${componentCount} komponen (misalnya ${low.name}: komponen ${listText(low.missingComponents)} belum ada).`
      : low.level === 2
        ? `Semua Standar Pelayanan memuat ${componentCount} komponen, tetapi revisi terakhir ${low.name} baru berlaku ${low.latestEffectiveOn}, setelah ${figures.asOf}, sehingga belum terhitung ditetapkan.`
        : `Standar Pelayanan seluruh ${services.length} jenis layanan memuat ${componentCount} komponen dan sudah berlaku; level 4–5 (pelibatan masyarakat dan monev) dinilai evaluator dari bukti dukung.`;
  return makeProposal(entry, low.level, { serviceCount: services.length, asOf: figures.asOf, services }, explanation, versionEventIds(figures.services));
}

// ── rule: 3.a.T standard-publication-media ──────────────────────────────────────────────────────

export function standardPublicationMedia(rules: ProposalRuleset, figures: StandardFigures): Proposal {
  const entry = rules.standardPublication;
  const t = entry.thresholds;
  if (figures.services.length === 0) {
    return makeProposal(entry, 0, { serviceCount: 0, services: [] }, 'Belum ada Standar Pelayanan yang diterbitkan, sehingga belum ada publikasinya.', []);
  }
  const services = figures.services.map((service) => {
    const kindsOf = (number: number): Set<PublicationMediaKind> => {
      const channels = service.components.find((c) => c.number === number && c.present)?.publishedOn ?? [];
      return new Set(channels.flatMap((channel) => (rules.publicationMedia[channel] ? [rules.publicationMedia[channel].kind] : [])));
    };
    const perComponent = t.serviceDeliveryComponents.map((number) => ({ number, kinds: kindsOf(number) }));
    const unpublished = perComponent.filter((c) => c.kinds.size === 0).map((c) => c.number);
    const [first, ...rest] = perComponent.map((c) => c.kinds);
    const carryingAll = [...(first ?? [])].filter((kind) => rest.every((kinds) => kinds.has(kind))).sort();
    const onSippn = carryingAll.includes('sippn');
    const otherMedia = carryingAll.filter((kind) => kind !== 'sippn').length;
    const unrecognisedChannels = [...new Set(service.components.flatMap((c) => c.publishedOn).filter((channel) => !rules.publicationMedia[channel]))].sort();
    const level =
      unpublished.length === t.serviceDeliveryComponents.length
        ? 0
        : unpublished.length > 0
          ? 1
          : onSippn
            ? levelAtLeast(t.withSippn, otherMedia, t.withSippnBelowBands)
            : otherMedia >= t.withoutSippnMinMedia
              ? 2
              : 1;
    return {
      serviceId: service.serviceId,
      name: service.name,
      unpublishedComponents: unpublished,
      mediaCarryingAll: carryingAll,
      onSippn,
      otherMedia,
      unrecognisedChannels,
      level,
    };
  });
  const low = weakest(services);
  const explanation =
    low.level === 0
      ? `Komponen service delivery Standar Pelayanan ${low.name} belum dipublikasikan di media mana pun.`
      : low.unpublishedComponents.length > 0
        ? `Komponen service delivery ${listText(low.unpublishedComponents)} Standar Pelayanan ${low.name} belum dipublikasikan.`
        : !low.onSippn
          ? `Seluruh komponen service delivery ${low.name} dipublikasikan pada ${low.otherMedia} jenis media yang memuat semuanya, tetapi belum pada SIPP Nasional.`
          : `Seluruh komponen service delivery ${low.name} dipublikasikan pada SIPP Nasional dan ${low.otherMedia} jenis media lain yang memuat semuanya.`;
  return makeProposal(entry, low.level, { serviceCount: services.length, services }, explanation, versionEventIds(figures.services));
}

// ── rule: 4.a.K standard-periodic-review ────────────────────────────────────────────────────────

type ReviewCadence = 'yearly' | 'two-yearly' | 'longer' | 'never';

/** Calendar months from `from` to `to`, rounded up: any part of a month counts as a month. */
function monthsBetween(from: LocalDate, to: LocalDate): number {
  let months = 0;
  while (addMonths(from, months) < to) months += 1;
  return months;
}

export function standardPeriodicReview(rules: ProposalRuleset, figures: StandardFigures): Proposal {
  const entry = rules.standardReview;
  const { yearlyMonths, twoYearlyMonths } = entry.thresholds;
  if (figures.services.length === 0) {
    return makeProposal(entry, 0, { serviceCount: 0, services: [] }, 'Belum ada Standar Pelayanan yang dapat ditinjau ulang.', []);
  }
  const services = figures.services.map((service) => {
    const inForce = byRevision(service.versions).filter((v) => v.effectiveOn <= figures.asOf);
    const latest = inForce.at(-1);
    const previous = inForce.at(-2);
    if (!latest || !previous)
      return { serviceId: service.serviceId, name: service.name, lastReviewedOn: null, intervalMonths: null, cadence: 'never' as ReviewCadence };
    // The gap before the latest revision, or the time since it when that is already longer.
    const intervalMonths = Math.max(monthsBetween(previous.effectiveOn, latest.effectiveOn), monthsBetween(latest.effectiveOn, figures.asOf));
    const cadence: ReviewCadence = intervalMonths <= yearlyMonths ? 'yearly' : intervalMonths <= twoYearlyMonths ? 'two-yearly' : 'longer';
    return { serviceId: service.serviceId, name: service.name, lastReviewedOn: latest.effectiveOn, intervalMonths, cadence };
  });
  const total = services.length;
  const yearly = services.filter((s) => s.cadence === 'yearly').length;
  const twoYearlyOrBetter = yearly + services.filter((s) => s.cadence === 'two-yearly').length;
  const reviewed = services.filter((s) => s.cadence !== 'never').length;
  const level = yearly === total ? 5 : yearly > 0 ? 4 : twoYearlyOrBetter === total ? 3 : twoYearlyOrBetter > 0 ? 2 : reviewed > 0 ? 1 : 0;
  const explanation =
    level === 0
      ? `Belum ada Standar Pelayanan yang direvisi sejak diterbitkan, sehingga peninjauan ulang tidak terlihat dari katalog.`
      : level === 5
        ? `Seluruh ${total} Standar Pelayanan ditinjau ulang (direvisi) dalam selang paling lama ${yearlyMonths} bulan.`
        : level === 4
          ? `${yearly} dari ${total} Standar Pelayanan ditinjau ulang dalam selang paling lama ${yearlyMonths} bulan.`
          : level === 3
            ? `Seluruh ${total} Standar Pelayanan ditinjau ulang dalam selang paling lama ${twoYearlyMonths} bulan.`
            : level === 2
              ? `${twoYearlyOrBetter} dari ${total} Standar Pelayanan ditinjau ulang dalam selang paling lama ${twoYearlyMonths} bulan.`
              : `${reviewed} dari ${total} Standar Pelayanan pernah ditinjau ulang, tetapi dengan selang lebih dari ${twoYearlyMonths} bulan.`;
  return makeProposal(
    entry,
    level,
    { serviceCount: total, reviewedYearly: yearly, reviewedWithinTwoYears: twoYearlyOrBetter, reviewedEver: reviewed, asOf: figures.asOf, services },
    explanation,
    versionEventIds(figures.services),
  );
}
