/**
 * Baton's mark (the window's logo: a rounded indigo square with a white baton) drawn as a
 * bitmap, for the tray — so no binary image lives in the repository.
 */

const INDIGO = [0x43, 0x38, 0xca] as const; // --mantine-color-indigo-7

/** An RGBA bitmap of the mark, `size` pixels square. */
export function batonMark(size: number): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const r = size * 0.27;
  const inside = (x: number, y: number) => {
    const cx = Math.min(Math.max(x, r), size - r);
    const cy = Math.min(Math.max(y, r), size - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
  // The baton: from the lower left to the upper right, as in the logo.
  const [x0, y0, x1, y1] = [0.3 * size, 0.7 * size, 0.7 * size, 0.3 * size];
  const onStroke = (x: number, y: number) => {
    const t = Math.max(0, Math.min(1, ((x - x0) * (x1 - x0) + (y - y0) * (y1 - y0)) / ((x1 - x0) ** 2 + (y1 - y0) ** 2)));
    return Math.hypot(x - (x0 + t * (x1 - x0)), y - (y0 + t * (y1 - y0))) <= size * 0.07 || Math.hypot(x - x1, y - y1) <= size * 0.1;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [cx, cy] = [x + 0.5, y + 0.5];
      if (!inside(cx, cy)) continue;
      const i = (y * size + x) * 4;
      const white = onStroke(cx, cy);
      px[i] = white ? 255 : INDIGO[0];
      px[i + 1] = white ? 255 : INDIGO[1];
      px[i + 2] = white ? 255 : INDIGO[2];
      px[i + 3] = 255;
    }
  }
  return px;
}

/** The same pixels in the BGRA order nativeImage.createFromBitmap reads. */
export function toBgra(rgba: Uint8Array): Uint8Array {
  const out = new Uint8Array(rgba.length);
  for (let i = 0; i < rgba.length; i += 4) {
    out[i] = rgba[i + 2]!;
    out[i + 1] = rgba[i + 1]!;
    out[i + 2] = rgba[i]!;
    out[i + 3] = rgba[i + 3]!;
  }
  return out;
}
