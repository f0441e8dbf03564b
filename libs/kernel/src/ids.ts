/**
 * Id formats shared by the services. Ids end up in stream ids, URLs and SQL parameters, so each is a
 * short run of characters that needs no escaping anywhere: no "/", which separates the parts of a
 * stream id, no white space and no NUL, which PostgreSQL refuses in text.
 */

/** Letters, digits, ".", "_" and "-": service standards, units in the request and survey contexts, tenants in paths. */
export const SIMPLE_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * A simple id that may also carry "@" and ":", as user ids from the identity provider do: users, tenants
 * and units in tokens, the units registry, and every path parameter the auth guard lets through.
 */
export const QUALIFIED_ID = /^[A-Za-z0-9._:@-]{1,128}$/;
export const QUALIFIED_ID_RULE = '1-128 characters of [A-Za-z0-9._:@-]';

/** A correlation id a caller may pass along (X-Correlation-Id); any other value is replaced by a fresh one. */
export const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;
