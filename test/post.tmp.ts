import { installSqlProfile } from '../bench/sqlProfile.js';
const prof = await installSqlProfile();
import { openTestSite } from './support/khabar.js';
import { commentClient } from './support/commentForms.js';
let clock = Date.now();
const site = await openTestSite({ now: () => new Date((clock += 5)), overrides: { limits: { commentsPerIpPerMinute: 10000, commentsPerIpPerHour: 100000, commentsPerEmailPerHour: 100000, commentMinFillSeconds: 0 }, site: { comments: { moderation: 'open' } } } });
const home = await site.khabar.app.inject('/');
const url = [...home.body.matchAll(/href="(\/2026\/[^"]+)"/g)].map((m) => m[1])[3]!;
const client = commentClient(site.khabar.app);
const form = await client.form(url);
const N = Number(process.argv[2] ?? 500);
prof.reset();
const t = performance.now();
for (let i = 0; i < N; i++) {
  const r = await client.post({ comment_post_ID: form.articleId, khabar_token: form.token, author: 'قارئ ' + i, email: `p${i}@x.ma`, comment: 'تعليق رقم ' + i }, { ip: '10.0.0.1' });
  if (r.statusCode !== 303) { console.log(r.statusCode, r.body.slice(0, 200)); break; }
}
console.log('ms/post', ((performance.now() - t) / N).toFixed(2));
prof.report(N);
await site.dispose();
