import { share, shownPercent, uniqueSorted } from './proposal';
import type { RequestSlaBreachFigure, RequestSlaFigures } from './figures';

/**
 * Request SLA compliance per service type: a figure shown beside the proposals, not an indicator
 * level (no F-02 indicator scores completion on time; F-03 item 4 asks users about it).
 */
export interface ServiceSlaCompliance {
  serviceId: string;
  name: string;
  completed: number;
  completedOnTime: number;
  /** Rounded to 2 decimals; null when nothing was completed. */
  onTimePercent: number | null;
  /** Every breach detected in the period, completed since or not, by due date. */
  breaches: RequestSlaBreachFigure[];
  sourceEventIds: string[];
}

export function requestSlaCompliance(figures: RequestSlaFigures): ServiceSlaCompliance[] {
  const names = new Map(figures.services.map((s) => [s.serviceId, s.name]));
  const serviceIds = uniqueSorted([...names.keys(), ...figures.completed.map((c) => c.serviceId), ...figures.breaches.map((b) => b.serviceId)]);
  return serviceIds.map((serviceId) => {
    const completed = figures.completed.filter((c) => c.serviceId === serviceId);
    const onTime = completed.filter((c) => c.metStandard).length;
    const breaches = figures.breaches
      .filter((b) => b.serviceId === serviceId)
      .sort((a, b) => (a.dueDate === b.dueDate ? a.requestId.localeCompare(b.requestId) : a.dueDate < b.dueDate ? -1 : 1));
    return {
      serviceId,
      name: names.get(serviceId) ?? serviceId,
      completed: completed.length,
      completedOnTime: onTime,
      onTimePercent: shownPercent(share(onTime, completed.length)),
      breaches,
      sourceEventIds: uniqueSorted([...completed.map((c) => c.eventId), ...breaches.map((b) => b.eventId)]),
    };
  });
}
