// Headless Chromium for the layout.html tests: the DOM after the page's own scripts ran, a
// screenshot, and a PNG reader to tell a rendered page from a blank one.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';

const run = promisify(execFile);

/** Debian's package name first; other distributions name the binary differently. */
export const chromiumNames = ['chromium', 'chromium-browser', 'google-chrome'];

export async function findChromium(): Promise<string | undefined> {
  for (const name of chromiumNames) {
    try {
      await run('sh', ['-c', `command -v ${name}`]);
      return name;
    } catch {
      // not this one
    }
  }
  return undefined;
}

/** Runs Chromium headless with a fresh profile, no network services and no sandbox (root in CI). */
async function headless(chromium: string, args: string[]): Promise<string> {
  const profile = await mkdtemp(join(tmpdir(), 'gen-inc-chromium-'));
  try {
    const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', `--user-data-dir=${profile}`];
    const { stdout } = await run(chromium, [...flags, ...args], { maxBuffer: 1 << 28, timeout: 60_000 });
    return stdout;
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}

/** The serialised DOM once the page has loaded and its scripts have run. */
export function dumpDom(chromium: string, url: string): Promise<string> {
  return headless(chromium, ['--dump-dom', url]);
}

export async function screenshot(chromium: string, url: string, path: string, width = 1280, height = 900): Promise<Buffer> {
  await headless(chromium, [`--window-size=${width},${height}`, `--screenshot=${path}`, url]);
  return readFile(path);
}

export interface Picture {
  width: number;
  height: number;
  /** RGB, 3 bytes a pixel */
  pixels: Buffer;
}

/** Reads an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes). */
export function readPng(png: Buffer): Picture {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || (colour !== 2 && colour !== 6) || interlace !== 0) throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`);
      channels = colour === 2 ? 3 : 4;
    } else if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const image = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) unfilter(raw, y * (stride + 1), image, y * stride, stride, channels, y > 0);
  const pixels = Buffer.alloc(width * height * 3);
  for (let i = 0; i < width * height; i++) image.copy(pixels, i * 3, i * channels, i * channels + 3);
  return { width, height, pixels };
}

/** Undoes one scanline's filter (PNG specification, section 9). */
function unfilter(raw: Buffer, at: number, image: Buffer, row: number, stride: number, bpp: number, hasAbove: boolean): void {
  const filter = raw[at]!;
  for (let x = 0; x < stride; x++) {
    const value = raw[at + 1 + x]!;
    const left = x >= bpp ? image[row + x - bpp]! : 0;
    const up = hasAbove ? image[row - stride + x]! : 0;
    const upLeft = hasAbove && x >= bpp ? image[row - stride + x - bpp]! : 0;
    let predicted = 0;
    if (filter === 1) predicted = left;
    else if (filter === 2) predicted = up;
    else if (filter === 3) predicted = (left + up) >> 1;
    else if (filter === 4) predicted = paeth(left, up, upLeft);
    image[row + x] = (value + predicted) & 0xff;
  }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** How many different colours, and what share of the pixels differ from the most common one. */
export function pixelVariety(picture: Picture): { colours: number; notBackground: number } {
  const counts = new Map<number, number>();
  const p = picture.pixels;
  for (let i = 0; i < p.length; i += 3) {
    const colour = (p[i]! << 16) | (p[i + 1]! << 8) | p[i + 2]!;
    counts.set(colour, (counts.get(colour) ?? 0) + 1);
  }
  const background = Math.max(...counts.values());
  const total = picture.width * picture.height;
  return { colours: counts.size, notBackground: (total - background) / total };
}
