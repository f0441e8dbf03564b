export * from './codec';
export * from './envelope';
export * from './topics';
export * as requestPb from './gen/pantau/request/v1/events';
export * as surveyPb from './gen/pantau/survey/v1/events';
export * as evaluationPb from './gen/pantau/evaluation/v1/events';
export * from './event-ownership';
