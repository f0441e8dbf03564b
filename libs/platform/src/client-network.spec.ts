import { clientNetwork, clientNetworkOf } from './client-network';

describe('clientNetworkOf', () => {
  it.each<[string, string, string]>([
    ['an IPv4 address as it is', '192.0.2.10', '192.0.2.10'],
    ['an IPv6 address by its /64', '2001:db8:7:1:a:b:c:d', '2001:db8:7:1::/64'],
    ['a compressed IPv6 address by its /64', '2001:db8:7:1::1', '2001:db8:7:1::/64'],
    ['an IPv6 address whose :: is in the prefix', '2001:db8::1:2:3', '2001:db8::/64'],
    ['upper case and leading zeros, canonically', '2001:0DB8:0007:0001::FFFF', '2001:db8:7:1::/64'],
    ['a link-local address without its zone', 'fe80::1%eth0', 'fe80::/64'],
    ['an IPv4-mapped address as its IPv4 address', '::ffff:192.0.2.10', '192.0.2.10'],
    ['an IPv4-mapped address written in hex as its IPv4 address', '::ffff:c000:20a', '192.0.2.10'],
    ['IPv6 loopback as itself', '::1', '::1'],
    ['something that is no address unchanged', 'not-an-address', 'not-an-address'],
    ['no address as none', '', ''],
  ])('keys %s', (_name, address, network) => {
    expect(clientNetworkOf(address)).toBe(network);
  });

  it('keys two addresses of one /64 alike and of neighbouring /64s apart', () => {
    expect(clientNetworkOf('2001:db8:7:1::a')).toBe(clientNetworkOf('2001:db8:7:1:ffff::b'));
    expect(clientNetworkOf('2001:db8:7:1::a')).not.toBe(clientNetworkOf('2001:db8:7:2::a'));
  });
});

describe('clientNetwork', () => {
  it('reads the address Express resolved, and keys a request without one as none', () => {
    expect(clientNetwork({ ip: '2001:db8:7:1::a' })).toBe('2001:db8:7:1::/64');
    expect(clientNetwork({})).toBe('');
  });
});
