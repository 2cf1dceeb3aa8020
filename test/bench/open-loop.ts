import { Agent, request } from 'node:http';

export interface OpenLoopOptions {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
  /** Requests per second, sent at even intervals whatever the answers do. */
  rate: number;
  seconds: number;
  /** Connections kept open at most; a request finding them all busy waits for one, and that wait counts. */
  connections: number;
}

export interface OpenLoopResult {
  sent: number;
  non2xx: number;
  errors: number;
  /** Milliseconds from when each request was due to its last byte of answer. */
  latency: { p50: number; p90: number; p99: number; max: number };
  /** Answers per second over the run. */
  answered: number;
}

/**
 * An open-loop load: request `i` is due at `start + i / rate` and goes out then, whether or not earlier ones were
 * answered; its latency is measured from when it was due, so a slow answer delays no later request's clock and
 * queueing anywhere (the client's connections included) shows in the figures. `autocannon`'s `overallRate` instead
 * lets each connection send its quota for the second as fast as it can, in bursts at every second's start, and so
 * measures its own bursts.
 */
export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const url = new URL(options.url);
  const total = Math.round(options.rate * options.seconds);
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  const pending: Promise<void>[] = [];
  const send = (due: number) =>
    new Promise<void>((resolve) => {
      const req = request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname + url.search,
          method: options.method,
          headers: { ...options.headers, 'content-length': Buffer.byteLength(options.body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - due);
            if (!res.statusCode || res.statusCode < 200 || res.statusCode >= 300) non2xx++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(options.body);
    });
  const start = performance.now();
  let next = 0;
  while (next < total) {
    const now = performance.now();
    while (next < total && start + (next * 1000) / options.rate <= now)
      pending.push(send(start + (next++ * 1000) / options.rate));
    await new Promise((r) => setTimeout(r, Math.max(0, start + (next * 1000) / options.rate - performance.now())));
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN);
  return {
    sent: total,
    non2xx,
    errors,
    latency: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: Math.round(sorted[sorted.length - 1] ?? NaN) },
    answered: latencies.length / elapsed,
  };
}
