/**
 * A built insight site in a real browser, for the site's tests and its benchmark: the
 * system's Chromium (never a downloaded one) through playwright-core, launched as the
 * harness launches it, and a plain static server for the site "served" (next to file://).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { browserPath } from './board-page';

export async function launchSiteBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: browserPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps', '--disable-dev-shm-usage'],
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

/** Serves `dir` on a free local port, counting the bytes sent per path (what a first page costs). */
export async function serveFolder(dir: string): Promise<{ url: string; sent: Map<string, number>; close: () => Promise<void> }> {
  const sent = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = path.join(dir, pathname);
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    const size = statSync(file).size;
    sent.set(pathname, (sent.get(pathname) ?? 0) + size);
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': size });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, sent, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
