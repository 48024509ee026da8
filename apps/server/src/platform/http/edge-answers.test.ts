/**
 * Answers given before routing — 414, 431, a malformed request, 503 during shutdown — carry the one error
 * shape. A real server on a real socket: app.inject() never goes through Node's HTTP parser.
 */
import { randomUUID } from 'node:crypto';
import net from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { edgeAnswerOptions, registerShutdownAnswers } from './edge-answers.ts';
import { registerErrorHandler } from './error-handler.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let app: FastifyInstance | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** The app's settings for these answers: the options, the error handler, then a route or two. */
async function start(routes: (a: FastifyInstance) => void) {
  const a = Fastify({
    loggerInstance: pino({ level: 'silent' }),
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200 },
    ...edgeAnswerOptions,
  }) as unknown as FastifyInstance;
  registerErrorHandler(a);
  routes(a);
  registerShutdownAnswers(a); // after the routes, as app.ts may call it: root hooks still apply to them
  await a.listen({ port: 0, host: '127.0.0.1' });
  app = a;
  return (a.server.address() as net.AddressInfo).port;
}

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Parse consecutive HTTP/1.1 responses (Content-Length bodies, UTF-8 JSON) from raw bytes read as latin1. */
function parseResponses(raw: string): RawResponse[] {
  const out: RawResponse[] = [];
  let rest = raw;
  while (rest.startsWith('HTTP/1.1')) {
    const headEnd = rest.indexOf('\r\n\r\n');
    const [statusLine = '', ...lines] = rest.slice(0, headEnd).split('\r\n');
    const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const length = Number(headers['content-length'] ?? 0);
    const body = rest.slice(headEnd + 4, headEnd + 4 + length);
    out.push({ status: Number(statusLine.split(' ')[1]), headers, body: JSON.parse(Buffer.from(body, 'latin1').toString('utf8')) });
    rest = rest.slice(headEnd + 4 + length);
  }
  return out;
}

/** Send raw bytes, return what the server answers until it closes the connection (or `until` is satisfied). */
function rawExchange(port: number, send: (socket: net.Socket) => void, until?: (raw: string) => boolean): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let raw = '';
    socket.on('data', (d) => {
      raw += d.toString('latin1');
      if (until?.(raw)) socket.destroy();
    });
    socket.on('close', () => resolve(raw));
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? resolve(raw) : reject(err)));
    socket.on('connect', () => send(socket));
  });
}

function expectErrorShape(r: RawResponse | undefined, status: number, code: string, field: string) {
  expect(r?.status).toBe(status);
  expect(r?.headers['content-type']).toMatch(/^application\/json/);
  expect(r?.body).toEqual({
    requestId: expect.stringMatching(UUID),
    code,
    message: expect.any(String),
    details: [expect.objectContaining({ field })],
  });
  expect(Object.keys(r?.body as object).sort()).toEqual(['code', 'details', 'message', 'requestId']);
}

const ok = (a: FastifyInstance) => a.get('/api/v1/things/:id', async () => ({ ok: true }));

describe('answers before routing', () => {
  it('answers an address over the parser’s limit with 414 in the error shape', async () => {
    const port = await start(ok);
    const raw = await rawExchange(port, (s) => s.write(`GET /api/v1/things/1?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`));
    expectErrorShape(parseResponses(raw)[0], 414, 'URI_TOO_LONG', 'url');
  });

  it('answers a path parameter over maxParamLength with 414 in the error shape', async () => {
    const port = await start(ok);
    const raw = await rawExchange(port, (s) =>
      s.write(`GET /api/v1/things/${'a'.repeat(300)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`),
    );
    expectErrorShape(parseResponses(raw)[0], 414, 'URI_TOO_LONG', 'url');
    const nl = await rawExchange(port, (s) =>
      s.write(`GET /api/v1/things/${'a'.repeat(300)} HTTP/1.1\r\nHost: x\r\nAccept-Language: nl\r\nConnection: close\r\n\r\n`),
    );
    expect(parseResponses(nl)[0]?.body).toMatchObject({ message: 'Een deel van het adres is te lang', details: [{ message: 'te lang' }] });
  });

  it('answers a header block over the limit with 431 in the error shape', async () => {
    const port = await start(ok);
    const raw = await rawExchange(port, (s) =>
      s.write(`GET /api/v1/things/1 HTTP/1.1\r\nHost: x\r\nCookie: ${'c'.repeat(20_000)}\r\n\r\n`),
    );
    expectErrorShape(parseResponses(raw)[0], 431, 'HEADERS_TOO_LARGE', 'headers');
  });

  it('answers a request that is not HTTP with 400 in the error shape', async () => {
    const port = await start(ok);
    const raw = await rawExchange(port, (s) => s.write('HELLO\u0001 / HTTP/1.1\r\n\r\n'));
    expectErrorShape(parseResponses(raw)[0], 400, 'BAD_REQUEST', 'request');
  });

  it('answers an address that is not valid percent-encoding with 400 in the error shape', async () => {
    const port = await start(ok);
    const raw = await rawExchange(port, (s) => s.write('GET /api/v1/things/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
    expectErrorShape(parseResponses(raw)[0], 400, 'BAD_REQUEST', 'url');
  });

  it('lets a running request finish during shutdown and answers a new one 503 in the error shape', async () => {
    let release: () => void = () => {};
    let entered: () => void = () => {};
    const inHandler = new Promise<void>((r) => {
      entered = r;
    });
    const port = await start((a) => {
      a.get('/slow', async () => {
        entered();
        await new Promise<void>((r) => {
          release = r;
        });
        return { ok: true };
      });
      ok(a);
    });
    const running = app as FastifyInstance;
    let closing: Promise<void> | null = null;
    const raw = await rawExchange(
      port,
      (s) => {
        s.write('GET /slow HTTP/1.1\r\nHost: x\r\n\r\n');
        void inHandler.then(async () => {
          closing = running.close();
          await new Promise((r) => setTimeout(r, 50));
          s.write('GET /api/v1/things/1 HTTP/1.1\r\nHost: x\r\nAccept-Language: da\r\n\r\n'); // the next request on the same connection
          await new Promise((r) => setTimeout(r, 50));
          release();
        });
      },
      (r) => parseResponses(r).length === 2,
    );
    await closing;
    app = null;
    const [first, second] = parseResponses(raw);
    expect(first).toMatchObject({ status: 200, body: { ok: true } });
    expect(second?.status).toBe(503);
    expect(second?.headers['retry-after']).toBe('5');
    expect(second?.body).toEqual({
      requestId: expect.stringMatching(UUID),
      code: 'UNAVAILABLE',
      message: 'Serveren lukker ned; prøv igen om lidt',
      details: [],
    });
  });
});
