import type { FastifyInstance } from 'fastify';

export type TTrustProxy = boolean | number | string[];

/**
 * TRUST_PROXY as Fastify takes it. A hop count becomes the function Fastify itself would build from it
 * (its types leave the number form out): trust the nearest `hops` addresses.
 */
export function fastifyTrustProxy(value: TTrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof value === 'number' ? (_address, hop) => hop < value : value;
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

/**
 * Behind a reverse proxy without TRUST_PROXY every request seems to come from the proxy, so all users share
 * one address for login throttling (failed sign-ins of a few users block everyone's) and in the logs.
 * Forwarding headers on a request while TRUST_PROXY is off are the sign: say so, once per process.
 */
export function registerProxyCheck(app: FastifyInstance, trustProxy: TTrustProxy) {
  if (trustProxy !== false) return;
  let warned = false;
  app.addHook('onRequest', async (request) => {
    if (warned) return;
    const header = FORWARDING_HEADERS.find((h) => request.headers[h] !== undefined);
    if (!header) return;
    warned = true;
    request.log.warn(
      { header, remoteAddress: request.socket.remoteAddress },
      `A request arrived with the ${header} header, but TRUST_PROXY is off: if Customer365 runs behind a reverse proxy, every user now shares the proxy's address for login throttling and in the logs. Set TRUST_PROXY=1 (one proxy in front) or to the proxy's address. Without a proxy, ignore this: the client sent the header itself.`,
    );
  });
}
