// @inkwell/rules: the Conduit rules (slugs, tag lists), the contract's limits and the image-URL
// convention, in one place for the API, the mocks, the seed and the web app. The limits are
// generated from the contract.
export * from './generated/limits.js';
export { htmlPattern } from './html-pattern.js';
export {
  avatarUrl,
  describeAsset,
  imageSourceOf,
  parseImageUrl,
  variantUrl,
  type ImageAsset,
  type ImageSource,
} from './image-url.js';
export { isSlugOf, slugify, withSuffix, type RandomSource } from './slug.js';
export { compareCodePoints, compareTags, normaliseTags } from './tags.js';
export { formatBytes, formatPixels, textLength } from './text.js';
