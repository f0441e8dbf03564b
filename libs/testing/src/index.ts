export * from './error-catalogue-checks';
export * from './error-code-literals';
export * from './eventually';
export * from './kafka';
export * from './postgres';
export * from './tcp-proxy';
export * from './kafka-cluster';
