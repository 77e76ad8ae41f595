// Renders every icon and store image from assets/icon.svg (and the suite's screenshots):
//   public/icon/<size>.png      the extension's icons (WXT lists them in the manifest)
//   public/toolbar/*.png        Firefox's toolbar button for dark themes
//   docs/store/images/*.png     the Chrome Web Store's promotional tiles and screenshots
// Run `npm run icons` after changing the SVG or the screenshots, and commit what it writes.
// `--check` writes nothing: it fails when a committed icon differs from what the SVG draws
// (the store pictures hold text, whose rendering depends on the machine's fonts, so they are not checked).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';
import { Resvg } from '@resvg/resvg-js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = readFileSync(join(root, 'assets/icon.svg'), 'utf8');
const CHECK = process.argv.includes('--check');
const stale = [];

const INK = '#1f2430';
const HIGHLIGHT = '#ffd23f';

/** The mark's inner markup (its two paths), to place inside larger pictures. */
const markBody = source.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');

/**
 * The mark with its view box widened by `pad` (in 128ths) on each side: the toolbar sizes are drawn
 * full-bleed, the larger icons keep the margin the stores ask for. `outline` recolours the border,
 * which would vanish on a dark toolbar.
 */
function mark({ pad = 0, outline = INK } = {}) {
  const size = 128 + 2 * pad;
  return source
    .replace('viewBox="0 0 128 128"', `viewBox="${-pad} ${-pad} ${size} ${size}"`)
    .replace(`stroke="${INK}"`, `stroke="${outline}"`);
}

function render(svg, width) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: true } }).render();
}

/** The store wants screenshots and tiles as 24-bit PNG without alpha: drop it after flattening. */
function opaquePng(image) {
  const { width, height } = image;
  const rgba = image.pixels;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      const from = (y * width + x) * 4;
      rows.set(rgba.subarray(from, from + 3), row + 1 + x * 3);
    }
  }
  const chunk = (type, data) => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length);
    head.write(type, 4, 'ascii');
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
    return Buffer.concat([head, data, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits, RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function write(path, data) {
  if (CHECK) {
    if (path.startsWith('public/') && !(existsSync(join(root, path)) && readFileSync(join(root, path)).equals(data))) stale.push(path);
    return;
  }
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), data);
  console.log(`${path} (${data.length} bytes)`);
}

const escapeXml = (text) => text.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

// The extension's icons: full-bleed where the browser shows them at toolbar size, padded from 48 up.
for (const size of [16, 32]) write(`public/icon/${size}.png`, render(mark(), size).asPng());
for (const size of [48, 96, 128]) write(`public/icon/${size}.png`, render(mark({ pad: 12 }), size).asPng());

// The toolbar button uses the 16 and 32 icons, which read on light and dark toolbars alike; Firefox,
// which picks an icon per theme, gets one whose outline turns yellow on dark toolbars, so the mark
// keeps its full size there.
for (const size of [16, 32]) write(`public/toolbar/dark-theme-${size}.png`, render(mark({ outline: HIGHLIGHT }), size).asPng());

const PAPER = '#f4f1e8';
const frame = (width, height, body) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
  `<rect width="${width}" height="${height}" fill="${PAPER}"/>${body}</svg>`;
const placedMark = (x, y, size) =>
  `<svg x="${x}" y="${y}" width="${size}" height="${size}" viewBox="-8 -8 144 144">${markBody}</svg>`;
const words = (x, y, size, weight, fill, text, anchor = 'start') =>
  `<text x="${x}" y="${y}" text-anchor="${anchor}" font-family="DejaVu Sans, Liberation Sans, sans-serif" font-size="${size}" font-weight="${weight}" fill="${fill}">${escapeXml(text)}</text>`;
const centred = (x, y, size, weight, text) => words(x, y, size, weight, INK, text, 'middle');

/** The Chrome Web Store's promotional tiles and screenshots. */
function storeImages() {
  // Promotional tiles, one per listing language.
  const taglines = {
    en: ['Capture lessons where work happens,', 'and find them again when it counts.'],
    de: ['Erkenntnisse festhalten, wo die Arbeit passiert,', 'und wiederfinden, wenn es darauf ankommt.'],
  };
  for (const [lang, [line1, line2]] of Object.entries(taglines)) {
    const small = frame(
      440,
      280,
      placedMark(175, 22, 90) + centred(220, 160, 36, 700, 'Lessonmark') +
        centred(220, 202, 14, 400, line1) + centred(220, 224, 14, 400, line2),
    );
    write(`docs/store/images/promo-small-440x280-${lang}.png`, opaquePng(render(small, 440)));
    const marquee = frame(
      1400,
      560,
      placedMark(170, 110, 340) + words(560, 260, 110, 700, INK, 'Lessonmark') +
        words(566, 340, 40, 400, INK, line1) + words(566, 396, 40, 400, INK, line2),
    );
    write(`docs/store/images/marquee-1400x560-${lang}.png`, opaquePng(render(marquee, 1400)));
  }

  // Store screenshots: 1280×800 each; the narrower views are centred on the paper colour.
  const shots = ['capture', 'highlight', 'library', 'popup', 'sidepanel', 'welcome'];
  shots.forEach((name, i) => {
    const png = readFileSync(join(root, `docs/screenshots/${name}.png`));
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    const scale = Math.min(1, 1280 / w, 760 / h);
    const [sw, sh] = [Math.round(w * scale), Math.round(h * scale)];
    const fits = w === 1280 && h === 800;
    const [x, y] = fits ? [0, 0] : [(1280 - sw) / 2, (800 - sh) / 2];
    const picture = frame(
      1280,
      800,
      (fits ? '' : `<rect x="${x - 1}" y="${y - 1}" width="${sw + 2}" height="${sh + 2}" fill="#c9c4b5"/>`) +
        `<image x="${x}" y="${y}" width="${fits ? 1280 : sw}" height="${fits ? 800 : sh}" href="data:image/png;base64,${png.toString('base64')}"/>`,
    );
    write(`docs/store/images/screenshot-${i + 1}-${name}-1280x800.png`, opaquePng(render(picture, 1280)));
  });
}

if (!CHECK) storeImages();

if (stale.length) {
  console.error(`Out of date with assets/icon.svg (run npm run icons): ${stale.join(', ')}`);
  process.exit(1);
}
