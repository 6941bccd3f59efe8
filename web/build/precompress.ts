// nginx sends `file.br` and `file.gz` as they are (brotli_static, gzip_static in
// nginx/snippets/caching.conf) instead of compressing each response: compressed once here, at the
// highest levels, which would be too slow per request.
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';

import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Writes `file.br` and `file.gz` beside every script and stylesheet of the browser's bundle. */
export function precompress(): Plugin {
  return {
    name: 'inkwell:precompress',
    // The client build only: the server renderer's bundle is read from disk by Node.
    apply: (_config, env) => env.command === 'build' && !env.isSsrBuild,
    async writeBundle(options, bundle) {
      const dir = options.dir;
      if (!dir) return;
      const files = Object.values(bundle).filter((file) => /\.(?:js|css)$/.test(file.fileName));
      await Promise.all(
        files.map(async (file) => {
          const content = Buffer.from(file.type === 'chunk' ? file.code : file.source);
          const params = {
            [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
            [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
            [zlib.BROTLI_PARAM_SIZE_HINT]: content.length,
          };
          await writeFile(`${dir}/${file.fileName}.br`, await brotli(content, { params }));
          await writeFile(`${dir}/${file.fileName}.gz`, await gzipped(content, { level: zlib.Z_BEST_COMPRESSION }));
        }),
      );
    },
  };
}
