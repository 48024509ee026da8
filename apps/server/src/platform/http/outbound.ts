// Requests the product makes to addresses its users type (playbook webhooks): only to the public internet unless
// the operator allows private networks (OUTBOUND_ALLOW_PRIVATE), so a webhook cannot reach the database, the cloud's
// metadata service or anything else behind the firewall. The address is checked where the connection is made (the
// socket's own DNS lookup), so a name that resolves to a public address when saved and a private one later is
// refused as well; no redirects are followed.
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export class BlockedAddressError extends Error {
  constructor(host: string, address: string) {
    super(`${host} is at ${address}, not a public address (set OUTBOUND_ALLOW_PRIVATE=true to allow private networks)`);
  }
}

/** True for anything but a public unicast address: loopback, private, link-local (cloud metadata), CGNAT, multicast, reserved. */
export function isPrivateAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return true;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() !== 'unicast';
}

/** A DNS lookup for the socket that refuses private addresses. */
function publicOnlyLookup(): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const blocked = addresses.find((a) => isPrivateAddress(a.address));
      if (blocked) return callback(new BlockedAddressError(hostname, blocked.address), '', 0);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, addresses);
      callback(null, first.address, first.family);
    });
  };
}

/** POSTs a body and resolves with the answer's status (the body is read and dropped); rejects on a refused address or a timeout. */
export function postOutbound(
  url: string,
  body: string,
  headers: Record<string, string>,
  opts: { allowPrivate: boolean; timeoutMs?: number },
): Promise<number> {
  const target = new URL(url);
  if (target.protocol !== 'https:' && target.protocol !== 'http:') return Promise.reject(new Error('only http and https URLs'));
  // An address typed as such is not looked up, so it is checked here.
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  if (!opts.allowPrivate && ipaddr.isValid(literal) && isPrivateAddress(literal)) {
    return Promise.reject(new BlockedAddressError(literal, literal));
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        timeout: opts.timeoutMs ?? 10_000,
        ...(opts.allowPrivate ? {} : { lookup: publicOnlyLookup() }),
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer from ${target.host} within ${opts.timeoutMs ?? 10_000} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}
