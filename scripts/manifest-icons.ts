// Draws the Teams app icons (a house with a speech bubble: the neighbourhood, talking) and writes
// them to manifest/: color.png 192×192 on the accent colour, outline.png 32×32 white on
// transparent, as Teams asks. Run once after a design change: node --require tsx/cjs scripts/manifest-icons.ts
import fs from 'node:fs';
import path from 'node:path';
import { encodePng } from './manifest-files';

export const ACCENT = '#1F6F5C';

type Shape = (x: number, y: number) => boolean;

/** Inside a triangle (a, b, c) shrunk by `inset` (all in unit coordinates). */
function triangle(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, inset = 0): Shape {
  const edges = [[ax, ay, bx, by], [bx, by, cx, cy], [cx, cy, ax, ay]];
  const area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  return (x, y) =>
    edges.every(([x1, y1, x2, y2]) => {
      const len = Math.hypot(x2 - x1, y2 - y1);
      const d = ((x2 - x1) * (y - y1) - (y2 - y1) * (x - x1)) / len;
      return Math.sign(area) * d >= inset;
    });
}

function rect(x0: number, y0: number, x1: number, y1: number): Shape {
  return (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number): Shape {
  return (x, y) => {
    if (!rect(x0, y0, x1, y1)(x, y)) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return Math.hypot(x - cx, y - cy) <= r;
  };
}

const union = (...s: Shape[]): Shape => (x, y) => s.some((f) => f(x, y));
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);

/** The house (roof, walls) and a small speech bubble at its upper right. */
function house(inset: number): Shape {
  // The walls' inside reaches up into the roof's, so the outline has no bar under the roof.
  return union(triangle(0.5, 0.14, 0.08, 0.52, 0.92, 0.52, inset), rect(0.2 + inset, inset ? 0.4 : 0.46, 0.8 - inset, 0.88 - inset));
}
const bubble = (inset: number) => union(roundedRect(0.6 + inset, 0.06 + inset, 0.95 - inset, 0.3 - inset, 0.07), triangle(0.66, 0.29, 0.74, 0.29, 0.64, 0.38, inset));
const door = rect(0.43, 0.64, 0.57, 0.88);

/** RGBA pixels with 4×4 supersampling: each pixel's share of `shape` becomes its coverage. */
function render(size: number, paint: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const out = new Uint8Array(size * size * 4);
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const [r, g, b, a] = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          acc[0] += r * a;
          acc[1] += g * a;
          acc[2] += b * a;
          acc[3] += a;
        }
      }
      const i = (py * size + px) * 4;
      const alpha = acc[3] / (n * n);
      out[i + 3] = Math.round(alpha * 255);
      for (let c = 0; c < 3; c++) out[i + c] = alpha ? Math.round(acc[c] / acc[3]) : 0;
    }
  }
  return out;
}

function hex(color: string): [number, number, number] {
  const v = parseInt(color.slice(1), 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

export function colorIcon(): Buffer {
  const [r, g, b] = hex(ACCENT);
  // The symbol sits in the middle 60 % (Teams crops the corners of the colour icon).
  const scale = (v: number) => (v - 0.2) / 0.6;
  const symbol = minus(union(house(0), bubble(0)), door);
  return encodePng(192, 192, render(192, (x, y) => (symbol(scale(x), scale(y)) ? [255, 255, 255, 1] : [r, g, b, 1])));
}

export function outlineIcon(): Buffer {
  const stroke = 0.085;
  const shape = union(minus(house(0), house(stroke)), minus(bubble(0), bubble(stroke * 0.8)), door);
  return encodePng(32, 32, render(32, (x, y) => (shape(x, y) ? [255, 255, 255, 1] : [0, 0, 0, 0])));
}

if (require.main === module) {
  const dir = path.resolve(__dirname, '..', 'manifest');
  fs.writeFileSync(path.join(dir, 'color.png'), colorIcon());
  fs.writeFileSync(path.join(dir, 'outline.png'), outlineIcon());
  process.stdout.write(`icons written to ${dir}\n`);
}
