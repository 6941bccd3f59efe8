// @inkwell/rules: the Conduit rules (slugs, tag lists) and the contract's limits, in one place for
// the API, the mocks, the seed and the web forms. The limits are generated from the contract.
export * from './generated/limits.js';
export { htmlPattern } from './html-pattern.js';
export { isSlugOf, slugify, withSuffix, type RandomSource } from './slug.js';
export { compareCodePoints, compareTags, normaliseTags } from './tags.js';
export { formatBytes, formatPixels, textLength } from './text.js';
