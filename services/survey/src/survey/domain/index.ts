export * from './id-set';
export * from './ruleset/skm-ruleset';
export * from './ruleset/skm-2017';
export * from './scoring/ikm';
export * from './survey';
export * from './f03';
