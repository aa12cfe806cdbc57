// Readers for what the manifest build writes, independent of its writers: ZIP (central
// directory + deflate) and PNG (chunks, zlib, the five row filters).
import zlib from 'node:zlib';

export interface ZipFile {
  name: string;
  data: Buffer;
}

export function readZip(zip: Buffer): ZipFile[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip: no end of central directory');
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  const files: ZipFile[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = zip.readUInt16LE(p + 10);
    const packedSize = zip.readUInt32LE(p + 20);
    const nameLength = zip.readUInt16LE(p + 28);
    const extra = zip.readUInt16LE(p + 30);
    const comment = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString('utf8');
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const packed = zip.subarray(dataStart, dataStart + packedSize);
    files.push({ name, data: method === 8 ? zlib.inflateRawSync(packed) : Buffer.from(packed) });
    p += 46 + nameLength + extra + comment;
  }
  return files;
}

export interface Png {
  width: number;
  height: number;
  colourType: number;
  /** RGBA, 4 bytes a pixel (only colour type 6 is decoded). */
  pixels: Buffer;
}

export function readPng(png: Buffer): Png {
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
  let p = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Buffer[] = [];
  while (p < png.length) {
    const length = png.readUInt32BE(p);
    const type = png.subarray(p + 4, p + 8).toString('ascii');
    const data = png.subarray(p + 8, p + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      colourType = data[9];
    }
    if (type === 'IDAT') idat.push(data);
    p += 12 + length;
  }
  const pixels = Buffer.alloc(width * height * 4);
  if (colourType === 6) {
    const raw = zlib.inflateSync(Buffer.concat(idat));
    const stride = width * 4;
    for (let y = 0; y < height; y++) {
      const filter = raw[y * (stride + 1)];
      for (let x = 0; x < stride; x++) {
        const v = raw[y * (stride + 1) + 1 + x];
        const a = x >= 4 ? pixels[y * stride + x - 4] : 0;
        const b = y > 0 ? pixels[(y - 1) * stride + x] : 0;
        const c = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4] : 0;
        const paeth = () => {
          const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
          return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        };
        const add = [0, a, b, (a + b) >> 1, paeth()][filter];
        pixels[y * stride + x] = (v + add) & 0xff;
      }
    }
  }
  return { width, height, colourType, pixels };
}
