/**
 * V8 heap limits for a process that serves pages (docs/decisions/025-server-memory.md). Node sizes
 * its heap for the machine (a 24 GB host lets the old space grow to 4 GB), and under a crawl of
 * uncached pages V8 lets the heap grow to three times what is live before collecting: measured
 * 464 MB peak for ~60 MB of live objects plus the 64 MB page cache (whose bytes are Buffers, outside
 * this limit). These bounds make it collect sooner. An operator's own setting wins.
 */
export const SERVER_HEAP_FLAGS: readonly string[] = Object.freeze(['--max-old-space-size=192', '--max-semi-space-size=8']);

/**
 * The flags of SERVER_HEAP_FLAGS to add to a node command line, leaving out any V8 option already
 * given in `existing` (the process's execArgv and NODE_OPTIONS).
 *
 * @example spawn(process.execPath, [...heapFlagsToAdd([...process.execArgv, process.env.NODE_OPTIONS ?? '']), 'bin/khabar.js', 'serve'])
 */
export function heapFlagsToAdd(existing: readonly string[]): string[] {
  const given = existing.join(' ');
  return SERVER_HEAP_FLAGS.filter((flag) => !given.includes(flag.slice(0, flag.indexOf('='))));
}
