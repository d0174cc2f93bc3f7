import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { deflateSync } from "node:zlib";

/**
 * Draws the two Teams app icons (`manifest/teams/color.png`, 192×192, and `outline.png`, 32×32) as a round
 * table: a disc with chairs around it. Run `node --import tsx scripts/teams-icons.ts` after changing the motif
 * and commit the PNGs. Only node:zlib: the PNG encoder is the minimal one below (RGBA, 8 bits, no filtering).
 */

/** The manifest's accentColor; the colour icon's background. */
export const ACCENT = { r: 0x0f, g: 0x6b, b: 0x7a };

const CHAIRS = 6;
const SUPERSAMPLING = 4;

type Rgba = [number, number, number, number];

/**
 * The motif in a unit square centred on (0, 0), radius 0.5: how much of the pixel at (x, y) the table and its
 * chairs cover, 0..1, by supersampling. The motif spans about `scale` of the icon's width, so the colour icon
 * keeps its symbol inside Teams' central 120×120.
 */
function coverage(size: number, scale: number): number[] {
  const table = 0.26 * scale;
  const chair = 0.085 * scale;
  const ring = 0.4 * scale;
  const chairs = Array.from({ length: CHAIRS }, (_, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / CHAIRS;
    return { x: ring * Math.cos(angle), y: ring * Math.sin(angle) };
  });
  const inside = (x: number, y: number) =>
    Math.hypot(x, y) <= table || chairs.some((c) => Math.hypot(x - c.x, y - c.y) <= chair);
  const out: number[] = [];
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SUPERSAMPLING; sy++) {
        for (let sx = 0; sx < SUPERSAMPLING; sx++) {
          const x = (px + (sx + 0.5) / SUPERSAMPLING) / size - 0.5;
          const y = (py + (sy + 0.5) / SUPERSAMPLING) / size - 0.5;
          if (inside(x, y)) hits++;
        }
      }
      out.push(hits / SUPERSAMPLING ** 2);
    }
  }
  return out;
}

/** Full colour: the accent as a solid background, the table and chairs white on it. */
export function colorIcon(): Uint8Array {
  const size = 192;
  const pixels = coverage(size, 120 / 192).map((c): Rgba => {
    const mix = (channel: number) => Math.round(channel + (255 - channel) * c);
    return [mix(ACCENT.r), mix(ACCENT.g), mix(ACCENT.b), 255];
  });
  return encodePng(size, size, pixels);
}

/** Teams' outline icon: white only, on transparent; the edges are smoothed by alpha alone. */
export function outlineIcon(): Uint8Array {
  const size = 32;
  const pixels = coverage(size, 28 / 32).map((c): Rgba => [255, 255, 255, Math.round(255 * c)]);
  return encodePng(size, size, pixels);
}

export function encodePng(width: number, height: number, pixels: readonly Rgba[]): Uint8Array {
  if (pixels.length !== width * height) throw new Error(`expected ${width * height} pixels`);
  // Each scanline: filter type 0 (none), then RGBA.
  const raw = Buffer.alloc(height * (1 + width * 4));
  pixels.forEach(([r, g, b, a], i) => {
    const row = Math.floor(i / width);
    const offset = row * (1 + width * 4) + 1 + (i % width) * 4;
    raw[offset] = r;
    raw[offset + 1] = g;
    raw[offset + 2] = b;
    raw[offset + 3] = a;
  });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method
  header[12] = 0; // no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const folder = fileURLToPath(new URL("../manifest/teams/", import.meta.url));
  writeFileSync(path.join(folder, "color.png"), colorIcon());
  writeFileSync(path.join(folder, "outline.png"), outlineIcon());
  console.log(`${path.join(folder, "color.png")}\n${path.join(folder, "outline.png")}`);
}
