import express from 'express';
import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

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
  const assetDir = join(dir, 'assets');
  const assets = express.static(assetDir, { cacheControl: false, index: false });
  const index = join(dir, 'index.html');
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (req.path.startsWith('/assets/')) {
      req.url = req.url.slice('/assets'.length);
      res.setHeader('Cache-Control', 'public, max-age=31536000, immutable'); // replaces the API's no-store
      const compressed = precompressed(assetDir, req);
      if (compressed) {
        res.setHeader('Vary', 'Accept-Encoding');
        res.setHeader('Content-Encoding', compressed.encoding);
        res.type(extname(req.path));
        req.url = `${req.url.split('?')[0]}.${compressed.suffix}`;
      }
      // an asset that is not there is a plain 404 (never the page, never the API's 1009)
      return assets(req, res, () => res.status(404).type('text/plain').send('Not Found'));
    }
    // pages only for a browser's navigation (Accept names text/html); curl's */* still gets the API's 1009
    if (NOT_A_PAGE.test(req.path) || !(req.headers.accept ?? '').includes('text/html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  };
}

/** Whether an Accept-Encoding header admits an encoding (`br;q=0` refuses it; `*` admits any). */
export function acceptsEncoding(header: string | undefined, encoding: string): boolean {
  for (const part of (header ?? '').split(',')) {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    if (token !== encoding && token !== '*') continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}

const twins = new Map<string, boolean>();

/**
 * The .br or .gz twin that `npm run build:web` wrote beside a text asset, when the browser accepts
 * that encoding (brotli first). Only plain file names of the build are looked at; the build's
 * files never change while the app runs, so whether a twin exists is remembered.
 */
function precompressed(dir: string, req: express.Request): { encoding: string; suffix: string } | null {
  const name = req.path.slice(1);
  if (!/^[A-Za-z0-9._-]+\.(js|css|svg|json|txt)$/.test(name)) return null;
  for (const [encoding, suffix] of [
    ['br', 'br'],
    ['gzip', 'gz'],
  ] as const) {
    if (!acceptsEncoding(req.headers['accept-encoding'], encoding)) continue;
    const file = join(dir, `${name}.${suffix}`);
    if (!twins.has(file)) twins.set(file, existsSync(file));
    if (twins.get(file)) return { encoding, suffix };
  }
  return null;
}
