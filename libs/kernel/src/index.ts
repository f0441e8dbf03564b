export * from './evidence-download-name';
export * from './f03-form';
export * from './fraction';
export * from './ids';
export * from './local-date';
export * from './sample-size';
