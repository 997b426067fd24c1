// Runs a search worker in Node as a browser would run it, and prints its answers to a list of queries.
//   node search_harness.mjs <worker.js> <site folder> <setup.json> <queries.json>
// setup.json is the data of Material's SETUP message ({config, docs, options}); the worker's
// fetches read the site folder. Each query's answers come with the milliseconds after which each
// arrived and the bytes the query fetched.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const [workerFile, site, setupFile, queriesFile] = process.argv.slice(2);
const workerDir = path.dirname(path.resolve(workerFile));
const sitePath = path.resolve(site);

globalThis.self = globalThis;
globalThis.location = new URL(`http://site.invalid/${path.relative(sitePath, path.resolve(workerFile)).split(path.sep).join("/")}`);
globalThis.importScripts = (...urls) => {
  for (const url of urls) vm.runInThisContext(fs.readFileSync(path.resolve(workerDir, url), "utf8"), { filename: url });
};
let fetched = 0;
globalThis.fetch = async url => {
  const file = path.join(sitePath, decodeURIComponent(new URL(url).pathname));
  if (!file.startsWith(sitePath + path.sep) || !fs.existsSync(file)) return { ok: false, status: 404 };
  const body = fs.readFileSync(file);
  fetched += body.length;
  return { ok: true, status: 200, json: async () => JSON.parse(body.toString("utf8")) };
};
let listener;
globalThis.addEventListener = (type, fn) => { if (type === "message") listener = fn; };
let received = [];
let sentAt = 0;
globalThis.postMessage = message => { received.push({ message, ms: performance.now() - sentAt }); };

// Every step of both workers is a promise on synchronous reads: a few turns of the event loop settle it.
async function settle() {
  for (let i = 0; i < 5; i++) await new Promise(resolve => setImmediate(resolve));
}

async function send(message) {
  received = [];
  sentAt = performance.now();
  listener({ data: message });
  await settle();
  return received;
}

vm.runInThisContext(fs.readFileSync(workerFile, "utf8"), { filename: workerFile });
const setup = JSON.parse(fs.readFileSync(setupFile, "utf8"));
const ready = await send({ type: 0, data: setup });
if (!ready.some(({ message }) => message.type === 1)) throw new Error(`worker not ready: ${JSON.stringify(ready)}`);
const setupBytes = fetched;
const out = [];
for (const query of JSON.parse(fs.readFileSync(queriesFile, "utf8"))) {
  fetched = 0;
  const answers = (await send({ type: 2, data: query })).filter(({ message }) => message.type === 3);
  out.push({ query, results: answers.map(({ message }) => message.data), ms: answers.map(({ ms }) => Math.round(ms)), bytes: fetched });
}
process.stdout.write(JSON.stringify({ setupBytes, answers: out }));
