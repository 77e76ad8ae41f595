import { createServer, type Server } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'sites');
const URL_META = /<meta\s+name="lessonmark-fixture-url"\s+content="([^"]+)"/i;

/**
 * Serves the saved-page fixtures over real HTTP on localhost under the URLs of the sites they
 * imitate: the browser maps those hosts to 127.0.0.1 (--host-resolver-rules), so a fixture of
 * `https://acme.atlassian.net/browse/ACME-123` opens as `http://acme.atlassian.net:PORT/browse/ACME-123`.
 * Tests can replace a page's HTML to play an edit.
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

  /** Hosts the browser must resolve to this server. */
  get hosts(): string[] {
    return [...new Set([...this.pages.keys()].map((k) => k.split('/')[0]))];
  }

  /** The URL under which the browser reaches the fixture that imitates `realUrl`. */
  url(realUrl: string): string {
    const u = new URL(realUrl);
    if (!this.pages.has(key(u))) throw new Error(`No fixture imitates ${realUrl}`);
    return `http://${u.hostname}:${this.port}${u.pathname}${u.search}`;
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
      const u = new URL(req.url ?? '/', `http://${req.headers.host}`);
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
