export * from './auth.config';
export * from './auth.guard';
export * from './authentication-error';
export * from './dev-issuer';
export * from './permissions';
export * from './principal';
export * from './require-permission.decorator';
export * from './token-verifier';
