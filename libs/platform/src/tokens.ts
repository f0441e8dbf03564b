/** Injection tokens for values that are not classes of ours (pino logger, kafkajs client, config). */
export const LOGGER = Symbol('LOGGER');
export const KAFKA = Symbol('KAFKA');
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
