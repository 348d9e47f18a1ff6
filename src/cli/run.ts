import { runCli } from './main.js';

// Entry point of the `khabar` binary (bin/khabar.js loads the compiled form of this file).
await runCli(process.argv);
