export * from './eventually';
export * from './postgres';
