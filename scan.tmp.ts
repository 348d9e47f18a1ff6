import { scanWxr } from './src/importers/wordpress/scanWxr.ts';
const t = performance.now(); const c0 = process.cpuUsage();
const s = await scanWxr(process.argv[2]!);
const cpu = process.cpuUsage(c0);
console.log(s.read.items, 'items', ((performance.now() - t) / 1000).toFixed(2), 's wall', ((cpu.user + cpu.system) / 1e6).toFixed(2), 's cpu', Math.round(process.memoryUsage().rss / 1e6), 'MB rss');
