// How the contract counts and how its limits are put into words.

/** The length of `text` as JSON Schema's `maxLength` counts it: in Unicode code points. */
export function textLength(text: string): number {
  let length = 0;
  for (const _ of text) length += 1;
  return length;
}

const KIB = 1024;
const MIB = 1024 * 1024;

/** A size in binary units, as the API words it: "10 MiB", "1.5 MiB", "512 KiB", "300 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= MIB) return `${Number((bytes / MIB).toFixed(1))} MiB`;
  if (bytes >= KIB) return `${Math.round(bytes / KIB)} KiB`;
  return `${bytes} bytes`;
}

/** A pixel count in megapixels: "50 megapixels". */
export function formatPixels(pixels: number): string {
  return `${Number((pixels / 1_000_000).toFixed(1))} megapixels`;
}
