export * from './eventually';
export * from './kafka';
export * from './postgres';
