// The product in several processes sharing one port (node:cluster), for `BENCH_APP_PROCESSES`: what more
// server processes do for the account routes on this machine. Each process is `main.ts`, as `npm start` runs it.
import cluster from 'node:cluster';

if (cluster.isPrimary) {
  const count = Number(process.env.BENCH_APP_PROCESSES ?? 2);
  let stopping = false;
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on('exit', (_worker, code) => {
    if (!stopping) {
      process.stderr.write(`a server process exited (${code}); stopping the others\n`);
      process.exitCode = 1;
      stopping = true;
      for (const w of Object.values(cluster.workers ?? {})) w?.kill();
    } else if (!Object.keys(cluster.workers ?? {}).length) process.exit();
  });
  process.once('SIGTERM', () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.kill();
  });
} else {
  await import('../../apps/server/src/main.ts');
}
