export * from './personal-data-keys';
export * from './sealed-field';
