// The API reference: the Redoc page and the script it loads, both from this origin. The page is
// answered with a Content-Security-Policy under which nothing from another origin loads or runs,
// and of the inline scripts only the page's own (allowed by their hashes).
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { redocPagePath } from '@inkwell/openapi';
import express from 'express';

const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

/** The policy for the reference page `html`. */
export function docsContentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(INLINE_SCRIPT)].map(
    ([, source]) => `'sha256-${createHash('sha256').update(source!).digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    ["script-src 'self'", ...hashes].join(' '),
    // Redoc styles its components at run time (styled-components) and in style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** GET /docs (the page) and GET /docs/<name>.js (its scripts), for the API router. */
export function docsRoutes(): express.Router {
  const router = express.Router();
  let page: { mtimeMs: number; html: string; policy: string } | undefined;

  router.get('/', (_req, res) => {
    // Read again when `npm run generate` rewrote it, so the policy always matches the page sent.
    const { mtimeMs } = statSync(redocPagePath);
    if (page?.mtimeMs !== mtimeMs) {
      const html = readFileSync(redocPagePath, 'utf8');
      page = { mtimeMs, html, policy: docsContentSecurityPolicy(html) };
    }
    res
      .set({ 'Cache-Control': 'public, max-age=300', 'Content-Security-Policy': page.policy })
      .type('html')
      .send(page.html);
  });

  // The scripts carry a hash of their content in their names (openapi/scripts/self-host-docs.js):
  // cached for good.
  router.get('/:script', (req, res, next) => {
    if (!/^[\w.-]+\.js$/.test(req.params.script)) return next();
    const options = { root: path.dirname(redocPagePath), maxAge: '365d', immutable: true };
    res.sendFile(req.params.script, options, (error?: Error) => {
      if (error && !res.headersSent) next(error); // a missing file: 404 in the error shape
    });
  });
  return router;
}
