import ipaddr from 'ipaddr.js';

/** The IPv4-compatible block ::/96 (deprecated; ipaddr.js calls it unicast): it embeds an IPv4 address. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/** `fe80::1%eth0` → `fe80::1`. */
function withoutZone(address: string): string {
  const percent = address.indexOf('%');
  return percent === -1 ? address : address.slice(0, percent);
}

/**
 * Whether `address` (an IP literal) is an ordinary public unicast address an outbound request may
 * reach. Refused: loopback, private (RFC 1918), carrier-grade NAT (100.64/10), link-local (cloud
 * metadata 169.254.169.254 included), unique-local IPv6 (fc00::/7, so fd00:ec2::254), unspecified,
 * multicast, broadcast, reserved and documentation ranges, and every IPv6 form that embeds an IPv4
 * address or tunnels to one (IPv4-mapped ::ffff:0:0/96 is judged by its IPv4 address; NAT64
 * 64:ff9b::/96, 6to4 2002::/16, Teredo 2001::/32 and IPv4-compatible ::/96 are refused outright).
 * Anything that does not parse is not public.
 *
 * @example isPublicAddress('::ffff:127.0.0.1') // false
 */
export function isPublicAddress(address: string): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process() turns IPv4-mapped IPv6 into the IPv4 address it carries.
    parsed = ipaddr.process(withoutZone(address.replace(/^\[|\]$/g, '')));
  } catch {
    return false;
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).match(IPV4_COMPATIBLE)) return false;
  return parsed.range() === 'unicast';
}
