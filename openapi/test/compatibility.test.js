// The contract stays compatible with its last release (released/v1.json): a change that would
// break a client written against it fails here, unless it is released on purpose (a new
// info.version with a "Breaking changes" entry in CHANGELOG.md).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openapiDocumentPath } from '../index.js';
import { changelogPath, checkCompatibility, releasedDocumentPath } from '../scripts/compatibility.js';
import { applyAdditiveChanges, breakingChanges } from './fixtures/contract-changes.js';

const released = JSON.parse(readFileSync(releasedDocumentPath, 'utf8'));
const current = JSON.parse(readFileSync(openapiDocumentPath, 'utf8'));
const changelog = readFileSync(changelogPath, 'utf8');

/** The released document and a changed copy, after the fixtures' `prepare` steps. */
function withChanges(changes) {
  const before = structuredClone(released);
  for (const { prepare } of changes) prepare?.(before);
  const after = structuredClone(before);
  for (const { apply } of changes) apply(after);
  return { before, after };
}

test('the bundled document breaks no client of the released one', async () => {
  const { breaking, problems } = await checkCompatibility({ released, current, changelog });
  assert.deepEqual(problems, []);
  assert.deepEqual(breaking, []);
});

test('a breaking change fails the check, with a message naming it', async () => {
  const { before, after } = withChanges(breakingChanges);

  const { breaking, problems } = await checkCompatibility({ released: before, current: after, changelog });

  for (const { change, reported } of breakingChanges) {
    assert.ok(breaking.includes(reported), `${change}: expected "${reported}" among\n${breaking.join('\n')}`);
  }
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^breaking changes against the released document 1\.0\.0:/);
  for (const { reported } of breakingChanges) assert.ok(problems[0].includes(`  - ${reported}\n`));
});

test('a breaking change passes once released on purpose: a new version with its changelog entry', async () => {
  const change = breakingChanges[0];
  const { before, after } = withChanges([change]);
  after.info.version = '2.0.0';
  const bumped = changelog.replace(
    '## Unreleased',
    '## 2.0.0 — 2027-01-04\n\n### Breaking changes\n\n- `GET /tags` is gone.\n\n## Unreleased-before',
  );

  const released = await checkCompatibility({ released: before, current: after, changelog: bumped });
  const notRecorded = await checkCompatibility({ released: before, current: after, changelog });
  const notBumped = await checkCompatibility({
    released: before,
    current: { ...after, info: { ...after.info, version: '1.0.0' } },
    changelog: bumped,
  });

  assert.deepEqual(released.problems, []);
  assert.deepEqual(released.breaking, [change.reported]);
  assert.match(
    notRecorded.problems.join('\n'),
    /CHANGELOG\.md must start with an entry for the document's version 2\.0\.0/,
  );
  assert.match(notRecorded.problems.join('\n'), /GET \/tags: cannot remove an operation/);
  assert.match(notBumped.problems.join('\n'), /raise info\.version above 1\.0\.0/);
});

test('additive changes pass without a release', async () => {
  const after = structuredClone(released);
  applyAdditiveChanges(after);

  const { breaking, problems } = await checkCompatibility({ released, current: after, changelog });

  assert.deepEqual(breaking, []);
  assert.deepEqual(problems, []);
});
