import { BlockList, isIP } from 'node:net';

/**
 * The proxies whose forwarded headers are believed, by address (TRUST_PROXY: CIDRs or addresses,
 * comma-separated). Nothing is trusted by default, loopback included: a TLS proxy on the same
 * host must be listed like any other.
 */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly size: number;

  constructor(entries: string[]) {
    for (const entry of entries) {
      const [address, prefix] = entry.split('/');
      const family = isIP(address);
      if (!family) throw new Error(`TRUST_PROXY: "${entry}" is not an IP address or CIDR (e.g. 10.0.0.0/8, 127.0.0.1, ::1)`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) {
        this.list.addAddress(address, type);
        continue;
      }
      const bits = Number(prefix);
      if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) throw new Error(`TRUST_PROXY: "${entry}" has an invalid prefix length`);
      this.list.addSubnet(address, bits, type);
    }
    this.size = entries.length;
  }

  static parse(text: string | undefined): TrustedProxies {
    return new TrustedProxies(
      (text ?? '')
        .split(',')
        .map((e) => e.trim())
        .filter(Boolean),
    );
  }

  trusts(address: string): boolean {
    const plain = unmapped(address);
    const family = isIP(plain);
    return family !== 0 && this.list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  }
}

export interface ClientView {
  /** The client's address: the right-most X-Forwarded-For hop that is not a trusted proxy. */
  address: string;
  /** Whether the request reached us by HTTPS (directly never: this server speaks plain HTTP). */
  https: boolean;
  /** The socket peer is a trusted proxy, so the forwarded headers were believed. */
  proxied: boolean;
}

/**
 * Who sent a request. Hops are read right to left from the socket peer, and each is believed only
 * while the one after it is trusted, so a client cannot pose as another by writing its own
 * X-Forwarded-For. X-Forwarded-Proto counts only from a trusted peer, and only its last value (the
 * one that peer set).
 */
export function clientView(proxies: TrustedProxies, peer: string, forwardedFor: string | undefined, forwardedProto: string | undefined): ClientView {
  const socket = unmapped(peer);
  if (!proxies.trusts(socket)) return { address: socket, https: false, proxied: false };
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((h) => unmapped(h.trim()))
    .filter(Boolean);
  let address = socket;
  while (hops.length && proxies.trusts(address)) address = hops.pop()!;
  const proto = (forwardedProto ?? '').split(',').pop()?.trim().toLowerCase();
  return { address, https: proto === 'https', proxied: true };
}

export function isLoopback(address: string): boolean {
  const plain = unmapped(address);
  return plain === '::1' || plain.startsWith('127.');
}

function unmapped(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}
