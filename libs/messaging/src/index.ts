export * from './consumer-runner';
export * from './dead-letter-replay';
export * from './kafka-client';
export * from './kafka-publisher';
export * from './dead-letter-cipher';
