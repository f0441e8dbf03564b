export * from './calendar/working-days';
export * from './calendar/calendar-id-2025-2026';
export * from './standard/service-standard';
export * from './request/request';
export * from './complaint/complaints-2018';
export * from './complaint/complaint';
