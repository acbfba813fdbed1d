// The build-time icons: a PNG encoder checked against an independent reading of the format
// (zlib's own CRC-32 and inflate), and drawings that tell every tray state apart.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { drawAppIcon, drawTrayIcon, TRAY_STATES } from '../../../scripts/icons/draw.js';
import { crc32, encodePng } from '../../../scripts/icons/png.js';
import { makeIcons } from '../../../scripts/icons/make.js';
import { TRAY_STATES as MODEL_STATES, trayIconFile } from '../../../electron/tray-model.js';

interface Decoded {
  width: number;
  height: number;
  rgba: Uint8Array;
}

/** Reads a PNG the way a viewer would: signature, chunk CRCs, IHDR, inflated scanlines. */
function decodePng(file: Buffer): Decoded {
  expect([...file.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  const types: string[] = [];
  while (offset < file.length) {
    const length = file.readUInt32BE(offset);
    const type = file.toString('ascii', offset + 4, offset + 8);
    const data = file.subarray(offset + 8, offset + 8 + length);
    expect(file.readUInt32BE(offset + 8 + length)).toBe(
      zlibCrc32(file.subarray(offset + 4, offset + 8 + length)),
    );
    types.push(type);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect([...data.subarray(8)]).toEqual([8, 6, 0, 0, 0]);
    }
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  expect(types[0]).toBe('IHDR');
  expect(types.at(-1)).toBe('IEND');
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    rgba.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return { width, height, rgba };
}

describe('the PNG encoder', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.from('IEND'))).toBe(zlibCrc32(Buffer.from('IEND')));
  });

  it('writes pixels that read back exactly', () => {
    const rgba = new Uint8Array(3 * 2 * 4).map((_, i) => (i * 37) % 256);
    expect(decodePng(encodePng(3, 2, rgba))).toEqual({ width: 3, height: 2, rgba });
  });

  it('refuses a buffer of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(RangeError);
  });
});

describe('the tray icons', () => {
  it('draw the same states the tray model knows', () => {
    expect(TRAY_STATES).toEqual([...MODEL_STATES]);
  });

  it('look different in every state, at 1x and 2x', () => {
    for (const size of [16, 32]) {
      const drawings = TRAY_STATES.map((s) =>
        Buffer.from(drawTrayIcon(s, size, false)).toString('base64'),
      );
      expect(new Set(drawings).size).toBe(TRAY_STATES.length);
    }
  });

  it('are black and alpha only as macOS templates, and not empty', () => {
    for (const state of TRAY_STATES) {
      const px = drawTrayIcon(state, 32, true);
      let opaque = 0;
      for (let i = 0; i < px.length; i += 4) {
        if (px[i + 3]! > 0) {
          opaque++;
          expect([px[i], px[i + 1], px[i + 2]]).toEqual([0, 0, 0]);
        }
      }
      expect(opaque, state).toBeGreaterThan(32 * 32 * 0.1);
    }
  });

  it('tell squeezes apart by colour on Windows and Linux: green up, red down', () => {
    const dominant = (px: Uint8Array) => {
      let r = 0;
      let g = 0;
      for (let i = 0; i < px.length; i += 4) {
        r += px[i]! * px[i + 3]!;
        g += px[i + 1]! * px[i + 3]!;
      }
      return g > r ? 'green' : 'red';
    };
    expect(dominant(drawTrayIcon('up-squeeze', 32, false))).toBe('green');
    expect(dominant(drawTrayIcon('down-squeeze', 32, false))).toBe('red');
  });

  it('have an opaque, rounded app icon with transparent corners', () => {
    const px = drawAppIcon(64);
    expect(px[3]).toBe(0);
    expect(px[(32 * 64 + 32) * 4 + 3]).toBe(255);
  });
});

describe('make-icons', () => {
  const out = mkdtempSync(path.join(os.tmpdir(), 'hedgeflow-icons-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes every file the tray and electron-builder look for, at the right sizes', () => {
    makeIcons(out);
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      for (const state of TRAY_STATES) {
        const file = path.join(out, 'tray', trayIconFile(state, platform));
        expect(decodePng(readFileSync(file)).width).toBe(platform === 'linux' ? 32 : 16);
      }
    }
    // nativeImage loads `name@2x.png` beside `name.png` for HiDPI screens: every state has one,
    // the macOS templates included, and a template stays black + alpha at 2x.
    for (const state of TRAY_STATES) {
      for (const file of [`${state}@2x.png`, `${state}Template@2x.png`]) {
        const png = decodePng(readFileSync(path.join(out, 'tray', file)));
        expect([png.width, png.height], file).toEqual([32, 32]);
      }
      const template = decodePng(readFileSync(path.join(out, 'tray', `${state}Template@2x.png`)));
      for (let i = 0; i < template.rgba.length; i += 4) {
        if (template.rgba[i + 3]! > 0) {
          expect([...template.rgba.subarray(i, i + 3)], state).toEqual([0, 0, 0]);
        }
      }
    }
    expect(decodePng(readFileSync(path.join(out, 'icon.png'))).width).toBe(1024);
    expect(decodePng(readFileSync(path.join(out, 'app', '512x512.png'))).height).toBe(512);
  });
});
