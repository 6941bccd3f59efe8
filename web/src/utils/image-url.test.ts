import { describe, expect, test } from '@jest/globals';

import { buildAsset } from '@/testing/factories';

import { avatarUrl, describeAsset, parseImageUrl, variantUrl } from './image-url';

describe('image URLs', () => {
  test('When a variant URL is derived, then the width goes before the extension', () => {
    expect(variantUrl('https://cdn.example/a/9a7d.webp', 640)).toBe('https://cdn.example/a/9a7d-640.webp');
  });

  test('When an asset with predictable variants is described, then its URL carries size and widths, and reads back as a srcset', () => {
    const asset = buildAsset({
      url: 'https://cdn.example/a/x.webp',
      width: 2000,
      height: 1000,
      variants: [320, 640].map((width) => ({ width, url: `https://cdn.example/a/x-${width}.webp` })),
    });

    const url = describeAsset(asset);

    expect(url).toBe('https://cdn.example/a/x.webp#w=2000&h=1000&v=320,640');
    expect(parseImageUrl(url)).toEqual({
      src: 'https://cdn.example/a/x.webp',
      width: 2000,
      height: 1000,
      srcSet:
        'https://cdn.example/a/x-320.webp 320w, https://cdn.example/a/x-640.webp 640w, https://cdn.example/a/x.webp 2000w',
    });
  });

  test('When variant URLs do not follow the pattern, then no srcset is promised, only the size', () => {
    const asset = buildAsset({
      url: 'https://cdn.example/a/x.webp',
      width: 800,
      height: 600,
      variants: [{ width: 320, url: 'https://cdn.example/other/place.webp' }],
    });

    expect(parseImageUrl(describeAsset(asset))).toEqual({
      src: 'https://cdn.example/a/x.webp',
      width: 800,
      height: 600,
    });
  });

  test('When a URL has no hints or broken ones, then it is used as it is', () => {
    expect(parseImageUrl('https://cdn.example/a.png')).toEqual({ src: 'https://cdn.example/a.png' });
    expect(parseImageUrl('https://cdn.example/a.png#w=-1&h=abc&v=x')).toEqual({ src: 'https://cdn.example/a.png' });
  });

  test('When an avatar is chosen, then it is the smallest variant at least three times the display size', () => {
    const asset = buildAsset({
      url: 'https://cdn.example/a/me.webp',
      variants: [320, 640].map((width) => ({ width, url: `https://cdn.example/a/me-${width}.webp` })),
    });

    expect(avatarUrl(asset, 96)).toBe('https://cdn.example/a/me-320.webp');
    expect(avatarUrl({ ...asset, variants: [] }, 96)).toBe('https://cdn.example/a/me.webp');
  });
});
