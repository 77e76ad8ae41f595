// Runs one benchmark module (default export: async () => metrics) and writes its metrics as JSON.
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import type { Metrics } from '../bench/metric';


const [file, out] = process.argv.slice(2);
const mod = await import(pathToFileURL(resolve(file)).href);
const metrics: Metrics = await mod.default();
writeFileSync(out, JSON.stringify(metrics));
process.exit(0);
