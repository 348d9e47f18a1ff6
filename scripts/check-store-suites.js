// Fails CI unless the storage contract suite passed on both SQLite and PostgreSQL.
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? 'test-results/vitest.json', 'utf8'));
const counts = { sqlite: 0, postgres: 0 };
for (const file of report.testResults ?? []) {
  for (const test of file.assertionResults ?? []) {
    const name = [...(test.ancestorTitles ?? []), test.title].join(' ');
    for (const dialect of Object.keys(counts)) {
      if (name.includes(`store contract [${dialect}]`) && test.status === 'passed') counts[dialect] += 1;
    }
  }
}
console.log(`contract tests passed: sqlite ${counts.sqlite}, postgres ${counts.postgres}`);
if (counts.sqlite === 0 || counts.postgres === 0 || counts.sqlite !== counts.postgres) {
  console.error('the storage contract suite must pass on both stores');
  process.exit(1);
}
