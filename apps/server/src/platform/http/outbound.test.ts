import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockedAddressError, isPrivateAddress, postOutbound } from './outbound.ts';

describe('requests to addresses users type', () => {
  let server: Server;
  let received: string[] = [];
  let port = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        received.push(body);
        response.writeHead(202).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('tells public addresses from everything else', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.9',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::ffff:127.0.0.1',
      'fd00::1',
      'fe80::1',
      '224.0.0.1',
      'not an address',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of ['8.8.8.8', '93.184.216.34', '2001:4860:4860::8888', '::ffff:8.8.8.8']) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });

  it('refuses this machine by address and by name, and sends nothing', async () => {
    received = [];
    for (const host of ['127.0.0.1', 'localhost', '[::1]']) {
      await expect(postOutbound(`http://${host}:${port}/hook`, '{"a":1}', {}, { allowPrivate: false })).rejects.toBeInstanceOf(
        BlockedAddressError,
      );
    }
    await expect(postOutbound(`file:///etc/passwd`, '', {}, { allowPrivate: true })).rejects.toThrow(/only http and https/);
    expect(received).toEqual([]);
  });

  it('delivers where the operator allows private networks, and answers with the status', async () => {
    received = [];
    const status = await postOutbound(
      `http://localhost:${port}/hook`,
      '{"a":1}',
      { 'content-type': 'application/json' },
      { allowPrivate: true },
    );
    expect(status).toBe(202);
    expect(received).toEqual(['{"a":1}']);
  });
});
