import express from 'express';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where `npm run build:web` puts a console: dist/web/<name>/ (this file runs from dist/libs/common/src/http/). */
export function consoleDir(name: string, from = __dirname): string | null {
  for (let dir = from; dirname(dir) !== dir; dir = dirname(dir)) {
    const candidate = join(dir, 'web', name);
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return null;
}

/** Paths that belong to the APIs, SOAP services, health and simulators, never to a console page. */
const NOT_A_PAGE = /^\/(api|ws|health|ops\/api|city\/api|sim)(\/|$)/;

/**
 * Serves a built console at `/`: its hashed assets cached for a year (their names change with
 * their content), index.html never cached, and index.html for every other page address the
 * browser asks for (the console's router reads the path). API routes are untouched.
 */
export function consoleStatic(dir: string): express.RequestHandler {
  const assets = express.static(join(dir, 'assets'), { cacheControl: false, index: false });
  const index = join(dir, 'index.html');
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.startsWith('/assets/')) {
      req.url = req.url.slice('/assets'.length);
      res.setHeader('Cache-Control', 'public, max-age=31536000, immutable'); // replaces the API's no-store
      // an asset that is not there is a plain 404 (never the page, never the API's 1009)
      return assets(req, res, () => res.status(404).type('text/plain').send('Not Found'));
    }
    // pages only for a browser's navigation (Accept names text/html); curl's */* still gets the API's 1009
    if (NOT_A_PAGE.test(req.path) || !(req.headers.accept ?? '').includes('text/html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
}
