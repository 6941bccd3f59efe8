// The fuzzer, short: 300 requests generated from the contract against a throwaway API (the built
// api/dist/main.js on a fresh database and local S3), none of them answered with a 5xx or an error
// outside the contract's shape; and its guards: loopback only, a source address of its own, and
// what counts as a failure. (Through nginx: e2e/abuse.test.ts.)
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type BenchStack, startBenchStack } from '../src/bench/bench-stack.js';
import { assertLoopback, loopbackTarget } from '../src/fuzz/http.js';
import { checkAnswer, runFuzz } from '../src/fuzz/run.js';
import { repoPaths } from '../src/paths.js';
import { makeTempDir } from './helpers.js';

describe('the fuzzer', () => {
  it('When it is pointed at another machine, then it refuses', () => {
    assert.throws(() => assertLoopback('http://example.com/api/v1'), /loopback/);
    assert.throws(() => assertLoopback('https://127.0.0.1/api/v1'), /loopback/);
    assert.equal(assertLoopback('http://127.0.0.1:3000/api/v1').port, '3000');
  });

  it('When no source address is given, then a run leaves from a loopback address of its own', () => {
    const own = loopbackTarget('http://localhost:8080/api/v1', 1_000);
    const chosen = loopbackTarget('http://127.0.0.1:8080', 1_000, '127.0.0.9');

    assert.equal(own.host, '127.0.0.1');
    assert.match(own.localAddress ?? '', /^127\.\d+\.\d+\.\d+$/);
    assert.notEqual(own.localAddress, '127.0.0.1');
    assert.equal(chosen.localAddress, '127.0.0.9');
  });

  it('When answers come back, then 5xx and errors outside the contract shape are failures', () => {
    const json = 'application/json; charset=utf-8';
    assert.equal(checkAnswer('GET', { status: 200, contentType: 'text/html', body: '<p>' }), null);
    assert.equal(checkAnswer('GET', { status: 422, contentType: json, body: '{"errors":{"q":["is invalid"]}}' }), null);
    assert.equal(checkAnswer('HEAD', { status: 404, contentType: json, body: '' }), null);
    assert.match(checkAnswer('GET', { status: 503, contentType: json, body: '{"errors":{"a":["b"]}}' })!, /503/);
    assert.match(checkAnswer('GET', { status: 404, contentType: 'text/html', body: 'Cannot GET' })!, /content-type/);
    assert.match(checkAnswer('GET', { status: 400, contentType: json, body: '{"error":"x"}' })!, /shape/);
    assert.match(checkAnswer('GET', { status: 400, contentType: json, body: '{"errors":{}}' })!, /shape/);
  });

  describe('against a running API', { skip: !existsSync(repoPaths().apiEntry) && 'the API is not built' }, () => {
    let tmp: Awaited<ReturnType<typeof makeTempDir>>;
    let stack: BenchStack;
    before(async () => {
      tmp = await makeTempDir('fuzz');
      stack = await startBenchStack({
        dataDir: tmp.dir,
        env: process.env,
        log: () => undefined,
        output: () => undefined,
      });
    });
    after(async () => {
      await stack?.stop();
      await tmp?.remove();
    });

    it(
      'When 300 generated requests are sent, then none is answered with 5xx or a shapeless error',
      { timeout: 180_000 },
      async () => {
        const report = await runFuzz({
          baseUrl: stack.apiUrl,
          requests: 300,
          timeLimitMs: 150_000,
          concurrency: 4,
          seed: 7,
        });

        assert.deepEqual(report.failures, []);
        assert.equal(report.failed, 0);
        assert.ok(report.sent + report.unsendable >= 300, `only ${report.sent} sent`);
        assert.ok(Object.keys(report.byStatus).some((status) => status.startsWith('4')));
      },
    );
  });
});
