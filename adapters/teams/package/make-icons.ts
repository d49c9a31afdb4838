/**
 * Draws the Teams app icons (run once; the PNGs are committed):
 * `npx tsx adapters/teams/package/make-icons.ts`. color.png is 192×192, a
 * white policy page with a check mark on the accent colour; outline.png is
 * 32×32, the same page as a white outline on transparency, as Teams asks.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { encodePng } from './encode-png.ts';

const accent: [number, number, number] = [0x2e, 0x5e, 0x4e];
const white: [number, number, number, number] = [255, 255, 255, 255];
const clear: [number, number, number, number] = [0, 0, 0, 0];

/** Whether (x, y) lies on the page of an icon `size` wide (a rectangle with a folded corner), and where on it. */
function page(x: number, y: number, size: number): { inside: boolean; edge: boolean; line: boolean; check: boolean } {
  const left = size * 0.27, right = size * 0.73, top = size * 0.17, bottom = size * 0.83, fold = size * 0.14;
  const inRect = x >= left && x < right && y >= top && y < bottom;
  const cut = x - (right - fold) > y - top; // above the fold's diagonal
  const inside = inRect && !cut;
  const stroke = Math.max(1, size / 24);
  const insideInner = x >= left + stroke && x < right - stroke && y >= top + stroke && y < bottom - stroke && x - (right - fold) <= y - top - stroke * 1.5;
  const edge = inside && !insideInner;
  const u = (x - left) / (right - left), v = (y - top) / (bottom - top);
  const line = insideInner && u > 0.18 && u < 0.7 && [0.25, 0.37, 0.49].some((row) => Math.abs(v - row) < 0.025);
  // The check mark: a short stroke down to the right, a long one up to the right.
  const near = (ax: number, ay: number, bx: number, by: number) => {
    const [px, py, qx, qy] = [ax * size, ay * size, bx * size, by * size];
    const t = Math.max(0, Math.min(1, ((x - px) * (qx - px) + (y - py) * (qy - py)) / ((qx - px) ** 2 + (qy - py) ** 2)));
    return Math.hypot(x - (px + t * (qx - px)), y - (py + t * (qy - py))) < size * 0.032;
  };
  const check = near(0.37, 0.62, 0.46, 0.71) || near(0.46, 0.71, 0.63, 0.53);
  return { inside, edge, line, check };
}

const color = encodePng(192, 192, (x, y) => {
  const { inside, line, check } = page(x + 0.5, y + 0.5, 192);
  if (check) return [accent[0], accent[1], accent[2], 255];
  if (line) return [0xb8, 0xc9, 0xc2, 255];
  if (inside) return white;
  return [accent[0], accent[1], accent[2], 255];
});

const outline = encodePng(32, 32, (x, y) => {
  const { edge, check } = page(x + 0.5, y + 0.5, 32);
  return edge || check ? white : clear;
});

const dir = fileURLToPath(new URL('../app-package/', import.meta.url));
writeFileSync(`${dir}color.png`, color);
writeFileSync(`${dir}outline.png`, outline);
process.stdout.write(`wrote ${dir}color.png (192x192) and outline.png (32x32)\n`);
