// Seed images: abstract covers and avatars drawn as SVG and rendered by sharp, then uploaded
// through the running API's POST /assets, so they take the real path (type sniffing,
// re-encoding, variants, object store, assets row). Uploading needs a signed-in user.
import type { ImageAsset } from '@inkwell/rules';
import sharp from 'sharp';
import type { Random } from './random.js';

const PALETTES = [
  ['#264653', '#2a9d8f', '#e9c46a', '#f4a261', '#e76f51'],
  ['#0b132b', '#1c2541', '#3a506b', '#5bc0be', '#6fffe9'],
  ['#355070', '#6d597a', '#b56576', '#e56b6f', '#eaac8b'],
  ['#003049', '#d62828', '#f77f00', '#fcbf49', '#eae2b7'],
  ['#22223b', '#4a4e69', '#9a8c98', '#c9ada7', '#f2e9e4'],
  ['#1b4332', '#2d6a4f', '#52b788', '#95d5b2', '#d8f3dc'],
] as const;

export interface SeedImage {
  name: string;
  contentType: 'image/jpeg' | 'image/png';
  bytes: Buffer;
}

function shapes(random: Random, width: number, height: number, colours: readonly string[], count: number): string {
  const parts: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const r = random.int(Math.round(height * 0.08), Math.round(height * 0.45));
    parts.push(
      `<circle cx="${random.int(0, width)}" cy="${random.int(0, height)}" r="${r}" fill="${random.pick(colours)}" fill-opacity="${(0.35 + random.float() * 0.5).toFixed(2)}"/>`,
    );
  }
  return parts.join('');
}

function svg(random: Random, width: number, height: number, shapeCount: number): string {
  const colours = random.pick(PALETTES);
  const from = random.pick(colours);
  const to = random.pick(colours);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${from}"/><stop offset="1" stop-color="${to}"/></linearGradient></defs>
<rect width="${width}" height="${height}" fill="url(#g)"/>${shapes(random, width, height, colours, shapeCount)}</svg>`;
}

/** `count` wide cover images (JPEG, 1600×900). */
export async function drawCovers(random: Random, count: number): Promise<SeedImage[]> {
  const images: SeedImage[] = [];
  for (let i = 0; i < count; i += 1) {
    const bytes = await sharp(Buffer.from(svg(random, 1600, 900, random.int(5, 9))))
      .jpeg({ quality: 85 })
      .toBuffer();
    images.push({ name: `cover-${i + 1}.jpg`, contentType: 'image/jpeg', bytes });
  }
  return images;
}

/** `count` square avatars (PNG, 400×400). */
export async function drawAvatars(random: Random, count: number): Promise<SeedImage[]> {
  const images: SeedImage[] = [];
  for (let i = 0; i < count; i += 1) {
    const bytes = await sharp(Buffer.from(svg(random, 400, 400, random.int(2, 4))))
      .png()
      .toBuffer();
    images.push({ name: `avatar-${i + 1}.png`, contentType: 'image/png', bytes });
  }
  return images;
}

/** Signs in through the API and returns the token. */
export async function signIn(apiUrl: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${apiUrl}/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: { email, password } }),
    signal: AbortSignal.timeout(15_000),
  });
  if (response.status !== 200)
    throw new Error(`signing in as ${email} answered ${response.status}: ${await response.text()}`);
  const { user } = (await response.json()) as { user: { token: string } };
  return user.token;
}

/** Uploads the images (two at a time, as the API processes two at once) and returns the API's assets in order. */
export async function uploadImages(apiUrl: string, token: string, images: SeedImage[]): Promise<ImageAsset[]> {
  const assets: ImageAsset[] = new Array<ImageAsset>(images.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < images.length) {
      const index = next;
      next += 1;
      const image = images[index]!;
      const form = new FormData();
      form.append('file', new Blob([image.bytes], { type: image.contentType }), image.name);
      const response = await fetch(`${apiUrl}/assets`, {
        method: 'POST',
        headers: { authorization: `Token ${token}` },
        body: form,
        signal: AbortSignal.timeout(60_000),
      });
      if (response.status !== 201) {
        throw new Error(`uploading ${image.name} answered ${response.status}: ${await response.text()}`);
      }
      const { asset } = (await response.json()) as { asset: ImageAsset };
      assets[index] = asset;
    }
  };
  await Promise.all([worker(), worker()]);
  return assets;
}
