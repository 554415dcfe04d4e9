#!/usr/bin/env node
// Asks one URL on localhost one request at a time, with a short gap, and prints the latencies' p50 and p99 as
// JSON. Runs in its own process so that the load beside it (autocannon in the bench's process) does not delay
// the probe's own timing: what it measures is the server's answer, as a monitor or a person would meet it.
//
//   node bench/probe.mjs --url http://127.0.0.1:3000/api/health [--delay 2] [--duration 10] [--gap 10]
//
// --delay: seconds to wait before probing (the load's warm-up); --duration: seconds of probing.

import http from "node:http";
import { parseArgs } from "node:util";

const { values: options } = parseArgs({
  options: {
    url: { type: "string" },
    delay: { type: "string", default: "0" },
    duration: { type: "string", default: "10" },
    gap: { type: "string", default: "10" },
  },
});
const url = new URL(options.url ?? "");
if (!["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)) {
  console.error("probe: only a server on localhost may be probed");
  process.exit(2);
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function ask() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const request = http.get(url, { agent }, (response) => {
      response.resume();
      response.on("end", () => resolve({ ms: performance.now() - started, status: response.statusCode }));
      response.on("error", reject);
    });
    request.setTimeout(30_000, () => request.destroy(new Error("probe timed out")));
    request.on("error", reject);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

await sleep(Number(options.delay) * 1000);
const latencies = [];
let failures = 0;
for (const until = performance.now() + Number(options.duration) * 1000; performance.now() < until; ) {
  const { ms, status } = await ask();
  latencies.push(ms);
  if (status !== 200) failures++;
  await sleep(Number(options.gap));
}
agent.destroy();
latencies.sort((a, b) => a - b);
const round = (ms) => Math.round(ms * 10) / 10;
console.log(
  JSON.stringify({
    samples: latencies.length,
    p50: round(percentile(latencies, 0.5)),
    p99: round(percentile(latencies, 0.99)),
    max: round(latencies.at(-1) ?? 0),
    failures,
  }),
);
