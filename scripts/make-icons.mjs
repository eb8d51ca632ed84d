// Renders build/icon.svg into every icon the installers need, and packs the
// ICO (Windows) and ICNS (macOS) containers itself:
//   build/icon.png (512), build/icons/<N>x<N>.png (Linux), build/icon.ico, build/icon.icns
// Rasterised with headless Chromium (playwright-core); set CHROMIUM_PATH if it
// is not /usr/bin/chromium. The outputs are committed: run this only when the
// SVG changes (`node scripts/make-icons.mjs`).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const buildDir = fileURLToPath(new URL('../build', import.meta.url));
const svg = readFileSync(join(buildDir, 'icon.svg'));
const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

async function renderAll() {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    const src = `data:image/svg+xml;base64,${svg.toString('base64')}`;
    const pngs = new Map();
    for (const size of SIZES) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(`<html><body style="margin:0;background:transparent"><img id="i" src="${src}" width="${size}" height="${size}" style="display:block"></body></html>`);
      await page.locator('#i').evaluate((img) => img.decode());
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return pngs;
  } finally {
    await browser.close();
  }
}

/** ICO with PNG-compressed entries (Windows Vista and later read these). */
function packIco(entries) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // 1 = icon
  header.writeUInt16LE(entries.length, 4);
  const directory = Buffer.alloc(16 * entries.length);
  let offset = header.length + directory.length;
  entries.forEach(({ size, png }, i) => {
    const at = i * 16;
    directory.writeUInt8(size >= 256 ? 0 : size, at); // 0 means 256
    directory.writeUInt8(size >= 256 ? 0 : size, at + 1);
    directory.writeUInt8(0, at + 2); // no palette
    directory.writeUInt8(0, at + 3);
    directory.writeUInt16LE(1, at + 4); // colour planes
    directory.writeUInt16LE(32, at + 6); // bits per pixel
    directory.writeUInt32LE(png.length, at + 8);
    directory.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, directory, ...entries.map((entry) => entry.png)]);
}

/** ICNS: 'icns' + total length, then (OSType, length incl. 8-byte header, PNG data) per entry. */
function packIcns(entries) {
  const chunks = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'ascii');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(8 + chunks.reduce((sum, chunk) => sum + chunk.length, 0), 4);
  return Buffer.concat([head, ...chunks]);
}

const pngs = await renderAll();
const png = (size) => pngs.get(size);

writeFileSync(join(buildDir, 'icon.png'), png(512));
mkdirSync(join(buildDir, 'icons'), { recursive: true });
for (const size of [16, 32, 48, 64, 128, 256, 512]) writeFileSync(join(buildDir, 'icons', `${size}x${size}.png`), png(size));
writeFileSync(join(buildDir, 'icon.ico'), packIco([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: png(size) }))));
writeFileSync(
  join(buildDir, 'icon.icns'),
  packIcns([
    { type: 'icp4', png: png(16) },
    { type: 'icp5', png: png(32) },
    { type: 'ic11', png: png(32) }, // 16@2x
    { type: 'ic12', png: png(64) }, // 32@2x
    { type: 'ic07', png: png(128) },
    { type: 'ic08', png: png(256) },
    { type: 'ic13', png: png(256) }, // 128@2x
    { type: 'ic09', png: png(512) },
    { type: 'ic14', png: png(512) }, // 256@2x
    { type: 'ic10', png: png(1024) }, // 512@2x
  ]),
);
process.stdout.write(`icons: wrote icon.png, icons/*.png, icon.ico, icon.icns in ${buildDir}\n`);
