import { isIP } from 'node:net';
import { registerDecorator, type ValidationArguments } from 'class-validator';

/** The address ranges Express (proxy-addr) knows by name: 127.0.0.0/8 and ::1; 169.254.0.0/16 and fe80::/10; the private ranges and fc00::/7. */
export const TRUSTED_PROXY_KEYWORDS = ['loopback', 'linklocal', 'uniquelocal'] as const;

/** One entry of a trusted proxy list: an address, a CIDR (`10.20.0.0/16`, `fd00::/8`) or one of TRUSTED_PROXY_KEYWORDS. */
export function isTrustedProxyEntry(entry: string): boolean {
  if ((TRUSTED_PROXY_KEYWORDS as readonly string[]).includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * A list of the proxies trusted to set X-Forwarded-For, by address. A hop count or `true` is refused:
 * it trusts whatever sits at that position, so a client that reaches the service directly chooses its
 * own address, and with it its rate limit and duplicate-detection identity.
 */
export function IsTrustedProxyList(): PropertyDecorator {
  return (target: object, propertyName: string | symbol) => {
    registerDecorator({
      name: 'isTrustedProxyList',
      target: target.constructor,
      propertyName: propertyName.toString(),
      validator: {
        validate: (value: unknown): boolean =>
          Array.isArray(value) && value.length > 0 && value.every((entry) => typeof entry === 'string' && isTrustedProxyEntry(entry)),
        defaultMessage(args: ValidationArguments): string {
          const entries = Array.isArray(args.value) ? (args.value as unknown[]) : [args.value];
          const wrong = entries.filter((entry) => typeof entry !== 'string' || !isTrustedProxyEntry(entry)).map(String);
          const hopCount = wrong.some((entry) => /^(\d+|true)$/.test(entry)) ? ' (a hop count or true would let any client choose its own address)' : '';
          return (
            `${args.property} must list the proxies trusted to set X-Forwarded-For by address or CIDR, or as ${TRUSTED_PROXY_KEYWORDS.join(', ')}; ` +
            `not ${wrong.length > 0 ? wrong.map((entry) => `'${entry}'`).join(', ') : 'an empty list'}${hopCount}`
          );
        },
      },
    });
  };
}

/** The hop count setting this list replaced: a deployment that still sets it stops with the new key's name, instead of silently trusting only loopback. */
export function retiredHopCountProblems(env: NodeJS.ProcessEnv): string[] {
  return env.TRUST_PROXY_HOPS
    ? ['TRUST_PROXY_HOPS is no longer read: set TRUST_PROXY to the addresses or CIDRs of the proxies in front (default loopback)']
    : [];
}
