import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ASSET_VARIANT_WIDTHS,
  avatarUrl,
  describeAsset,
  imageSourceOf,
  parseImageUrl,
  variantUrl,
  type ImageAsset,
} from '../src/index.js';

/** An uploaded image as the contract's `Asset` describes it: 1600×900 with variants where the API puts them. */
function buildAsset(overrides: Partial<ImageAsset> = {}): ImageAsset {
  const url = overrides.url ?? 'https://cdn.example/a/x.webp';
  return {
    url,
    width: 1600,
    height: 900,
    variants: ASSET_VARIANT_WIDTHS.map((width) => ({ width, url: variantUrl(url, width) })),
    ...overrides,
  };
}

describe('image URLs', () => {
  test('When a variant URL is derived, then the width goes before the extension', () => {
    assert.equal(variantUrl('https://cdn.example/a/9a7d.webp', 640), 'https://cdn.example/a/9a7d-640.webp');
  });

  test('When an asset with predictable variants is described, then its URL carries size and widths, and reads back as a srcset', () => {
    const asset = buildAsset({
      url: 'https://cdn.example/a/x.webp',
      width: 2000,
      height: 1000,
      variants: [320, 640].map((width) => ({ width, url: `https://cdn.example/a/x-${width}.webp` })),
    });

    const url = describeAsset(asset);

    assert.equal(url, 'https://cdn.example/a/x.webp#w=2000&h=1000&v=320,640');
    assert.deepEqual(parseImageUrl(url), {
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

    assert.deepEqual(parseImageUrl(describeAsset(asset)), {
      src: 'https://cdn.example/a/x.webp',
      width: 800,
      height: 600,
    });
  });

  test('When a URL has no hints or broken ones, then it is used as it is', () => {
    assert.deepEqual(parseImageUrl('https://cdn.example/a.png'), { src: 'https://cdn.example/a.png' });
    assert.deepEqual(parseImageUrl('https://cdn.example/a.png#w=-1&h=abc&v=x'), { src: 'https://cdn.example/a.png' });
  });

  test('When a plain URL has a record among the images, then the record gives its size and a srcset of its variants', () => {
    const asset = buildAsset({
      url: 'https://cdn.example/a/x.webp',
      width: 1000,
      height: 750,
      variants: [320, 640, 1280].map((width) => ({ width, url: `https://cdn.example/v/x-${width}.webp` })),
    });

    assert.deepEqual(
      imageSourceOf('https://cdn.example/a/x.webp', [buildAsset({ url: 'https://cdn.example/b.webp' }), asset]),
      {
        src: 'https://cdn.example/a/x.webp',
        width: 1000,
        height: 750,
        srcSet:
          'https://cdn.example/v/x-320.webp 320w, https://cdn.example/v/x-640.webp 640w, https://cdn.example/a/x.webp 1000w',
      },
    );
  });

  test('When a URL with hints has a record, then the record wins; without one, the hints are read', () => {
    const asset = buildAsset({ url: 'https://cdn.example/a/x.webp', width: 800, height: 600, variants: [] });

    assert.deepEqual(imageSourceOf('https://cdn.example/a/x.webp#w=2000&h=1000', [asset]), {
      src: 'https://cdn.example/a/x.webp',
      width: 800,
      height: 600,
    });
    assert.deepEqual(imageSourceOf('https://cdn.example/a/y.webp#w=2000&h=1000', [asset]), {
      src: 'https://cdn.example/a/y.webp',
      width: 2000,
      height: 1000,
    });
    assert.deepEqual(imageSourceOf('https://cdn.example/a/z.png'), { src: 'https://cdn.example/a/z.png' });
  });

  test('When an avatar is chosen, then it is the smallest variant at least three times the display size', () => {
    const asset = buildAsset({
      url: 'https://cdn.example/a/me.webp',
      variants: [320, 640].map((width) => ({ width, url: `https://cdn.example/a/me-${width}.webp` })),
    });

    assert.equal(avatarUrl(asset, 96), 'https://cdn.example/a/me-320.webp');
    assert.equal(avatarUrl({ ...asset, variants: [] }, 96), 'https://cdn.example/a/me.webp');
  });
});
