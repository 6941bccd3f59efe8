// One ESLint configuration for every workspace; Prettier owns formatting (eslint-config-prettier).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const webFeatures = readdirSync(new URL('./web/src/features', import.meta.url));
const apiModules = readdirSync(new URL('./api/src/modules', import.meta.url));

/**
 * A module may import another module's repository only where its service genuinely needs that
 * module's rows; list each such edge here with the reason, e.g.
 * `comments: ['articles/article-repository.ts']`. None today.
 */
const sharedRepositories = {};

const sourceFiles = '**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}';

/** Resolves imports as TypeScript does here: `./x.js` finds `./x.ts` (NodeNext), bare paths too. */
function sourceResolver(options = {}) {
  return createNodeResolver({
    extensions: ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.json', '.node'],
    extensionAlias: { '.js': ['.ts', '.tsx', '.js'], '.mjs': ['.mts', '.mjs'], '.cjs': ['.cts', '.cjs'] },
    ...options,
  });
}

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/dist-server/**',
      '**/coverage/**',
      '**/node_modules/**',
      '**/test-artifacts/**',
      '.data/**',
      'web/public/mockServiceWorker.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // `typeof import('x')` stays allowed: it types a module that is loaded lazily.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
    },
  },
  {
    // No import cycles in any workspace. The rule cannot count type-only imports (it skips them,
    // with no option to do otherwise), so `npm run check:cycles` (madge, type imports included)
    // runs beside it in `npm run lint`.
    files: [sourceFiles],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'],
      'import-x/resolver-next': [sourceResolver()],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    // The web app imports through the `@/` alias of its tsconfig.
    files: [`web/${sourceFiles}`],
    settings: {
      'import-x/resolver-next': [sourceResolver({ tsconfig: { configFile: path.join(root, 'web/tsconfig.json') } })],
    },
  },
  {
    // Command-line scripts talk to a person on the terminal.
    files: ['tools/**', '**/scripts/**', 'openapi/test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Functions these scripts hand to the browser (page.evaluate) run there.
    files: ['web/scripts/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['api/src/**/*.ts'],
    rules: {
      // Layers, lowest first: the neutral files and the drivers (db/, storage/); modules/ (handler,
      // service, repository); http/; then app.ts with the registry (operations.ts) and main.ts.
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [
            {
              target: [
                './api/src/config.ts',
                './api/src/deps.ts',
                './api/src/errors.ts',
                './api/src/logger.ts',
                './api/src/tokens.ts',
                './api/src/work-queue.ts',
                './api/src/db',
                './api/src/storage',
              ],
              from: [
                './api/src/modules',
                './api/src/http',
                './api/src/app.ts',
                './api/src/main.ts',
                './api/src/operations.ts',
              ],
              message: 'Neutral files, db/ and storage/ sit below every layer.',
            },
            {
              target: './api/src/modules',
              from: ['./api/src/app.ts', './api/src/main.ts', './api/src/operations.ts'],
              message: 'Modules never import the app; it imports them.',
            },
            {
              // operation.ts holds only types: handlers are typed by their operationId from it.
              target: './api/src/modules',
              from: './api/src/http',
              except: ['./operation.ts'],
              message: 'Services take errors from errors.ts and types from deps.ts or tokens.ts, not http/.',
            },
            {
              target: './api/src/http',
              from: ['./api/src/modules', './api/src/app.ts', './api/src/main.ts', './api/src/operations.ts'],
              message: 'http/ knows no module: createApp hands it the registry and the dependencies.',
            },
            ...apiModules.map((module) => ({
              target: `./api/src/modules/${module}`,
              from: './api/src/modules/*/*-repository.ts',
              except: [
                path.join(root, `api/src/modules/${module}/**`),
                ...(sharedRepositories[module] ?? []).map((file) => path.join(root, 'api/src/modules', file)),
              ],
              message:
                "A module's repository is its own: call that module's service, or list the edge in sharedRepositories.",
            })),
          ],
        },
      ],
    },
  },
  {
    // What the zones above let modules take from http/ (operation.ts), they take as types only.
    files: ['api/src/modules/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/http/operation.js'],
              allowTypeImports: true,
              message: 'Handlers take only types from http/operation.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Imports flow shared → features → app; features never import each other.
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: root,
          zones: [
            ...webFeatures.map((feature) => ({
              target: `./web/src/features/${feature}`,
              from: './web/src/features',
              except: [`./${feature}`],
            })),
            { target: './web/src/features', from: './web/src/app' },
            {
              target: [
                './web/src/components',
                './web/src/hooks',
                './web/src/lib',
                './web/src/utils',
                './web/src/config',
              ],
              from: ['./web/src/features', './web/src/app'],
            },
            {
              // The server renderer (src/server) sits on top of the app: it renders the app's
              // routes and reads its requests; nothing the browser loads may import it.
              target: [
                './web/src/app',
                './web/src/features',
                './web/src/components',
                './web/src/hooks',
                './web/src/lib',
                './web/src/utils',
                './web/src/config',
              ],
              from: './web/src/server',
              message: 'The renderer imports the app, never the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    // The app's addresses run in the entry before the app and, later, in a server renderer.
    files: ['web/src/config/paths.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'location',
        'history',
        'navigator',
        'localStorage',
        'sessionStorage',
        'self',
      ],
    },
  },
  prettier,
);
