import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from '@playwright/test';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'sites');
const URL_META = /<meta\s+name="lessonmark-fixture-url"\s+content="([^"]+)"/i;

/**
 * Serves the saved-page fixtures over real HTTP on localhost. The browser opens them under the
 * URLs of the sites they imitate (`https://acme.atlassian.net/browse/ACME-123`): `route()` sends
 * requests for those hosts to this server (github.com and atlassian.net are HSTS-preloaded, so
 * mapping their names to 127.0.0.1 over plain HTTP is not an option). Tests can replace a page's
 * HTML to play an edit.
 */
export class SiteServer {
  private pages = new Map<string, string>();
  private server: Server | null = null;
  port = 0;

  constructor() {
    for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(FIXTURES, file), 'utf8');
      const real = html.match(URL_META)?.[1];
      if (real) this.pages.set(key(new URL(real)), html);
    }
  }

  /** Hosts whose requests go to this server. */
  get hosts(): string[] {
    return [...new Set([...this.pages.keys()].map((k) => k.split('/')[0]))];
  }

  /** Sends the browser's requests for the imitated hosts to this server, over HTTP on localhost. */
  async route(context: BrowserContext): Promise<void> {
    for (const host of this.hosts) {
      await context.route(`*://${host}/**`, async (route) => {
        const u = new URL(route.request().url());
        const local = `http://127.0.0.1:${this.port}${u.pathname}${u.search}`;
        const response = await route.fetch({ url: local, headers: { ...route.request().headers(), 'x-fixture-host': u.hostname } });
        await route.fulfill({ response });
      });
    }
  }

  /** The URL a test opens: the real one, checked to have a fixture. */
  url(realUrl: string): string {
    if (!this.pages.has(key(new URL(realUrl)))) throw new Error(`No fixture imitates ${realUrl}`);
    return realUrl;
  }

  html(realUrl: string): string {
    const page = this.pages.get(key(new URL(realUrl)));
    if (page == null) throw new Error(`No fixture imitates ${realUrl}`);
    return page;
  }

  /** Replaces (or adds) the page served for `realUrl`. */
  set(realUrl: string, html: string): void {
    this.pages.set(key(new URL(realUrl)), html);
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const host = String(req.headers['x-fixture-host'] ?? req.headers.host ?? '');
      const u = new URL(req.url ?? '/', `http://${host}`);
      const page = this.pages.get(key(u));
      if (page == null) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not a fixture');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(page);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

function key(u: URL): string {
  return `${u.hostname}${u.pathname}${u.search}`;
}
