import { normalizeIp } from '@nestjs/throttler';

/** How much of an IPv6 address one client is taken to hold: a /64 is what an ISP hands one line or device. */
export const CLIENT_IPV6_PREFIX = 64;

/**
 * The network one client is known by, for rate limits and duplicate detection: an IPv4 address as it
 * is; an IPv6 address by its /64 prefix (`2001:db8:7:1::/64`), since one subscriber can rotate through
 * 2^64 addresses of it; an IPv4-mapped IPv6 address (`::ffff:192.0.2.1`) as its IPv4 address. The
 * throttler's own normalisation, so the limit and the SKM fingerprint can never key differently.
 */
export function clientNetworkOf(address: string): string {
  return normalizeIp(address, CLIENT_IPV6_PREFIX);
}

/** The network of the client of a request, its address as Express resolved it through the trusted proxies (TRUST_PROXY). */
export function clientNetwork(request: { ip?: string }): string {
  return clientNetworkOf(request.ip ?? '');
}
