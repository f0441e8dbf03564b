export * from './error-messages';
export * from './field-rules';
export * from './platform-errors';
