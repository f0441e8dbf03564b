export * from './consumer-runner';
export * from './kafka-client';
export * from './kafka-publisher';
