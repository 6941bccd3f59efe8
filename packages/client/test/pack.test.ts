// The package as a consumer gets it. `npm pack` (which builds it), install the tarball into an
// empty project with npm's cache only, compile a strict Node program (consumer/sample.ts) with
// the repository's TypeScript and type-check a browser file (consumer/browser.ts, no Node types)
// and the TypeScript sample of every operation in the API reference, then run the program
// against a real API: sign up, upload, publish, paginate, comment, and an error.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startApi } from './support/api-process.js';
import type { RunningApi } from './support/api-process.js';

const run = promisify(execFile);
const require = createRequire(import.meta.url);
const packageDir = fileURLToPath(new URL('..', import.meta.url));
const consumerSources = fileURLToPath(new URL('./consumer/', import.meta.url));
const tsc = require.resolve('typescript/bin/tsc');
const openapiDocument = fileURLToPath(import.meta.resolve('@inkwell/openapi/openapi.json'));

/** A 16×16 PNG, the sample's cover image. */
const COVER_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR42mPQiFpAEmIY1TCqYfhqAAC1BSIQbI06FgAAAABJRU5ErkJggg==',
  'base64',
);
/** Packing (with its build), installing and starting the API take seconds; a hang ends here. */
const PREPARATION = { timeout: 180_000 };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The environment for a nested npm: without what the npm running this test passes down (its
 * prefix and workspace), so that npm works on the directory it is started in.
 */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    const key = name.toLowerCase();
    if (/^npm_config_(local_prefix|prefix|workspaces?|include_workspace_root)$/.test(key)) continue;
    if (key.startsWith('npm_package_') || key.startsWith('npm_lifecycle_')) continue;
    env[name] = value;
  }
  return env;
}

async function npm(args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> {
  return run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    env: npmEnv(),
    maxBuffer: 16 * 1024 * 1024,
  });
}

/** The directory of an installed package, found from this package. */
function packageRoot(name: string, from: string = packageDir): string {
  const manifest = createRequire(path.join(from, 'package.json')).resolve(`${name}/package.json`);
  return path.dirname(manifest);
}

/** Tarballs of `name` and every package it depends on, packed from the repository's own installation. */
async function packInstalled(name: string, destination: string, from: string = packageDir): Promise<string[]> {
  const dir = packageRoot(name, from);
  const manifest = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  await mkdir(destination, { recursive: true });
  const { stdout } = await npm(['pack', dir, '--ignore-scripts', '--json', '--pack-destination', destination], dir);
  const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
  const nested = await Promise.all(
    Object.keys(manifest.dependencies ?? {}).map((dependency) => packInstalled(dependency, destination, dir)),
  );
  return [path.join(destination, packed!.filename), ...nested.flat()];
}

interface CodeSample {
  lang: string;
  source: string;
}

/** The reference's TypeScript samples (`x-codeSamples`), one file each, and a strict project for them. */
async function writeReferenceSamples(project: string): Promise<number> {
  const document = JSON.parse(await readFile(openapiDocument, 'utf8')) as {
    paths: Record<string, Record<string, { 'x-codeSamples'?: CodeSample[] }>>;
  };
  const dir = path.join(project, 'reference');
  await mkdir(dir);
  let count = 0;
  for (const [route, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const sample = operation['x-codeSamples']?.find((s) => s.lang === 'TypeScript');
      if (!sample) continue;
      const name = `${method}${route.replace(/[^A-Za-z]+/g, '-')}`.replace(/-$/, '');
      await writeFile(path.join(dir, `${name}.ts`), `${sample.source}\n`);
      count += 1;
    }
  }
  const config = JSON.parse(await readFile(path.join(project, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  await writeFile(
    path.join(project, 'tsconfig.reference.json'),
    JSON.stringify({ compilerOptions: { ...config.compilerOptions, noEmit: true }, include: ['reference'] }),
  );
  return count;
}

interface SampleOutput {
  username: string;
  cover: { url: string; width: number; height: number };
  published: Array<{ slug: string; coverImage: string | null }>;
  listed: string[];
  comments: string[];
  notFound?: { status: number; errors: Record<string, string[]>; requestId: string | null };
}

describe('the packed package', () => {
  let root: string;
  let project: string;
  let tarball: string;
  let apiStarted: Promise<RunningApi> | undefined;
  let api: RunningApi | undefined;
  let installedWith = '';

  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'inkwell-client-pack-'));
    project = path.join(root, 'consumer');
    await mkdir(project);
    // The API starts while the package is packed and installed.
    apiStarted = startApi();
    apiStarted.catch(() => undefined);

    const { stdout } = await npm(['pack', '--json', '--pack-destination', root], packageDir);
    const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
    tarball = path.join(root, packed!.filename);

    await cp(consumerSources, project, { recursive: true });
    await writeFile(
      path.join(project, 'package.json'),
      `${JSON.stringify({ name: 'inkwell-consumer', private: true, type: 'module' }, null, 2)}\n`,
    );
    await writeFile(path.join(project, 'cover.png'), COVER_PNG);
    // From npm's cache alone; when the cache lacks a dependency's metadata, the same versions
    // packed from the repository's installation stand in for the registry.
    try {
      await npm(['install', '--offline', tarball, '@types/node@20'], project);
      installedWith = 'the npm cache';
    } catch {
      const packed = path.join(root, 'dependencies');
      const dependencies = [
        ...(await packInstalled('openapi-fetch', packed)),
        ...(await packInstalled('@types/node', packed)),
      ];
      await npm(['install', '--offline', tarball, ...dependencies], project);
      installedWith = "the repository's packages";
    }
    api = await apiStarted;
  }, PREPARATION);

  /** Runs the repository's TypeScript on a project file of the consumer; its diagnostics, if any. */
  async function compile(config: string): Promise<string> {
    return run(process.execPath, [tsc, '-p', config], { cwd: project }).then(
      ({ stdout }) => stdout,
      (error: { stdout?: string }) => error.stdout || String(error),
    );
  }

  after(async () => {
    // Also when the set-up failed half-way: an API that started is stopped all the same.
    const started = await apiStarted?.catch(() => undefined);
    await started?.stop();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('When packed, then it holds the built modules, their declarations and the generated types, and nothing of ours', async () => {
    // Arrange
    const installed = path.join(project, 'node_modules', '@inkwell', 'client');
    // Act
    const manifest = JSON.parse(await readFile(path.join(installed, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies?: Record<string, string>;
    };
    const files = (await readdir(installed, { recursive: true })).map((file) => file.split(path.sep).join('/'));
    const built = await Promise.all(
      files.filter((file) => /\.(js|d\.ts)$/.test(file)).map((file) => readFile(path.join(installed, file), 'utf8')),
    );
    // Assert
    assert.deepEqual(Object.keys(manifest.dependencies ?? {}), ['openapi-fetch'], `installed from ${installedWith}`);
    for (const file of ['README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/generated/schema.d.ts']) {
      assert.ok(files.includes(file), `${file} is missing from ${files.join(', ')}`);
    }
    assert.deepEqual(
      files.filter((file) => file.startsWith('src/') || file.startsWith('test/')),
      [],
    );
    for (const text of built) {
      assert.doesNotMatch(text, /@inkwell\/(openapi|rules|local|tools)/);
      assert.doesNotMatch(text, /from ['"]node:/);
    }
  });

  it('When a strict project compiles against it, then a Node program and a browser file type-check', async () => {
    // Act
    const [node, browser] = await Promise.all(['tsconfig.json', 'tsconfig.browser.json'].map(compile));
    // Assert
    assert.equal(node, '');
    assert.equal(browser, '');
  });

  it("When the API reference's TypeScript samples compile against it, then every one type-checks", async () => {
    // Arrange
    const samples = await writeReferenceSamples(project);
    // Act
    const diagnostics = await compile('tsconfig.reference.json');
    // Assert
    assert.ok(samples >= 21, `only ${samples} samples in the reference`);
    assert.equal(diagnostics, '');
  });

  it('When the compiled program runs against the API, then it signs up, uploads, publishes, pages through and meets a typed error', async () => {
    // Arrange
    assert.ok(api, 'the API is running');
    // Act
    const { stdout } = await run(process.execPath, ['dist/sample.js', api.baseUrl, 'cover.png'], {
      cwd: project,
    }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`the sample failed: ${error.stderr ?? error.message}\n${api?.output.slice(-30).join('\n')}`);
    });
    const result = JSON.parse(stdout) as SampleOutput;
    // Assert
    assert.equal(result.cover.width, 16);
    assert.equal(result.published.length, 3);
    for (const article of result.published) assert.equal(article.coverImage, result.cover.url);
    assert.deepEqual(
      result.listed,
      result.published.map((article) => article.slug).reverse(),
      'newest first, every article once',
    );
    assert.deepEqual(result.comments, ['Second.', 'First!']);
    assert.equal(result.notFound?.status, 404);
    assert.deepEqual(result.notFound?.errors, { article: ['not found'] });
    assert.match(result.notFound?.requestId ?? '', UUID);
  });
});
