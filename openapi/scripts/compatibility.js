// Compares the bundled document with the last released one and lists every change that would
// break a client written against the release, using Optic's breaking-change rules (the same rules
// its `optic diff --check` runs), plus one of ours: a request property may not disappear either.
//
// A breaking change passes only when it is released on purpose: `info.version` goes up and
// CHANGELOG.md has an entry for the new version with a "Breaking changes" section.
//
//   node scripts/compatibility.js      checks dist/openapi.json against released/v1.json
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import opticUtilities from '@useoptic/openapi-utilities';
import opticRules from '@useoptic/rulesets-base';
import opticStandard from '@useoptic/standard-rulesets';

const { compareSpecs } = opticUtilities;
const { RequestRule, RuleError, RuleRunner } = opticRules;
const { BreakingChangesRuleset } = opticStandard;

const here = (relative) => fileURLToPath(new URL(relative, import.meta.url));
export const releasedDocumentPath = here('../released/v1.json');
export const changelogPath = here('../CHANGELOG.md');
const currentDocumentPath = here('../dist/openapi.json');

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/**
 * The request side of "removed field": a client that sends a property the API no longer knows
 * has it silently ignored. (Optic's own rules cover removal in responses only.)
 */
const preventRequestPropertyRemoval = new RequestRule({
  name: 'prevent removing request property',
  rule: (request) => {
    request.property.removed((property) => {
      throw new RuleError({ message: `cannot remove request property '${property.value.key}'` });
    });
  },
});

/** The document with every local `$ref` replaced by its target, as Optic's rules expect. */
function flatten(doc) {
  const resolve = (value, seen) => {
    if (Array.isArray(value)) return value.map((item) => resolve(item, seen));
    if (!value || typeof value !== 'object') return value;
    if (typeof value.$ref === 'string' && value.$ref.startsWith('#/')) {
      if (seen.has(value.$ref)) throw new Error(`circular $ref ${value.$ref}: the check cannot flatten it`);
      const target = value.$ref
        .slice(2)
        .split('/')
        .reduce((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
      if (target === undefined) throw new Error(`unresolved $ref ${value.$ref}`);
      return resolve(target, new Set([...seen, value.$ref]));
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner, seen)]));
  };
  return resolve(doc, new Set());
}

const asInput = (doc) => ({
  jsonLike: flatten(doc),
  sourcemap: { rootFilePath: 'openapi.json', files: [], refMappings: {} },
  isEmptySpec: false,
});

/** `/paths/~1articles/get/responses/200/...` → { operation: 'GET /articles', rest: ['responses', '200', ...] } */
function locate(jsonPath) {
  const [, first, path, method, ...rest] = jsonPath
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (first !== 'paths' || !METHODS.includes(method)) return { operation: jsonPath, rest: [] };
  return { operation: `${method.toUpperCase()} ${path}`, rest };
}

/** Where in an operation a change sits, in words: `request body user.email`, `200 response articles[].favorited`. */
function describePlace(rest) {
  const field = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === 'properties') field.push(rest[++i]);
    else if (rest[i] === 'items' && field.length > 0) field[field.length - 1] += '[]';
  }
  const fieldText = field.length > 0 ? ` ${field.join('.')}` : '';
  if (rest[0] === 'requestBody') return `request body${fieldText}`;
  if (rest[0] === 'responses' && rest[1]) return `${rest[1]} response${fieldText}`;
  if (rest[0] === 'parameters') return 'parameters';
  return rest.join('/');
}

/**
 * Every breaking change from `released` to `current`, one line each, e.g.
 * `PUT /user: request body user.email: cannot make a request property required`.
 */
export async function findBreakingChanges(released, current) {
  const runner = new RuleRunner([new BreakingChangesRuleset(), preventRequestPropertyRemoval]);
  const { results } = await compareSpecs(asInput(released), asInput(current), runner, {});
  const failures = results
    .filter((result) => !result.passed && !result.exempted)
    .map((result) => ({ ...locate(result.location.jsonPath), rule: result.name, error: result.error ?? '' }));
  // A removed operation takes its whole content with it: name it once.
  const removed = new Set(failures.filter((f) => f.rule === 'prevent operation removal').map((f) => f.operation));
  const lines = failures
    .filter((f) => f.rule === 'prevent operation removal' || !removed.has(f.operation))
    .map((f) => {
      const message = f.error.replace(/\s*This is a breaking change\.?\s*$/, '').replace(/\.$/, '');
      const place = f.rule === 'prevent operation removal' ? '' : `${describePlace(f.rest)}: `;
      return `${f.operation}: ${place}${message}`;
    });
  return [...new Set(lines)];
}

/** `1.2.3` → [1, 2, 3]; anything else → null. */
function parseVersion(version) {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(String(version));
  return match ? match.slice(1).map(Number) : null;
}

function isNewer(a, b) {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  if (!x || !y) return false;
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i];
  return false;
}

/**
 * The released versions in CHANGELOG.md, newest first: `## 1.1.0 — 2026-12-07` → { version: '1.1.0', text }.
 * An `## Unreleased` section on top (changes waiting for the next release) is left out.
 */
export function changelogEntries(changelog) {
  return changelog
    .split(/^## /m)
    .slice(1)
    .map((section) => ({ version: section.split(/\s/, 1)[0], text: section }))
    .filter((entry) => entry.version !== 'Unreleased');
}

/**
 * Checks `current` against `released` and the changelog. Returns the breaking changes found and
 * the problems that make the check fail (empty when it passes).
 */
export async function checkCompatibility({ released, current, changelog }) {
  const breaking = await findBreakingChanges(released, current);
  const problems = [];
  const version = current.info?.version;
  const entries = changelogEntries(changelog);
  const entry = entries.find((e) => e.version === version);

  if (entries[0]?.version !== version) {
    problems.push(
      `CHANGELOG.md must start with an entry for the document's version ${version} (its first entry is ${entries[0]?.version ?? 'missing'})`,
    );
  }
  if (breaking.length > 0) {
    const recorded = isNewer(version, released.info?.version) && entry && /^### Breaking changes/m.test(entry.text);
    if (!recorded) {
      problems.push(
        [
          `breaking changes against the released document ${released.info?.version}:`,
          ...breaking.map((line) => `  - ${line}`),
          `Make the change additive instead, or release it on purpose: raise info.version above ${released.info?.version}` +
            ' and record the change under "### Breaking changes" in its CHANGELOG.md entry.',
        ].join('\n'),
      );
    }
  }
  return { breaking, problems };
}

async function main() {
  const read = (path) => readFileSync(path, 'utf8');
  const { breaking, problems } = await checkCompatibility({
    released: JSON.parse(read(releasedDocumentPath)),
    current: JSON.parse(read(currentDocumentPath)),
    changelog: read(changelogPath),
  });
  if (problems.length > 0) {
    console.error(problems.join('\n\n'));
    process.exit(1);
  }
  console.log(
    breaking.length > 0
      ? `${breaking.length} breaking change(s), released as a new version`
      : 'no breaking change against the released document',
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
