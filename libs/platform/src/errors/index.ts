export * from './error-codes';
export * from './error-messages';
export * from './field-rules';
