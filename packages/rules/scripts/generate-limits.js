// Writes src/generated/limits.ts: the contract's limits as TypeScript constants, read from the
// bundled OpenAPI document (@inkwell/openapi's `generate` writes it). Every limit the API, the
// mocks, the seed or the web forms enforce comes from here, so the contract is its only home.
//
// Usage: node scripts/generate-limits.js   (part of `npm run generate`; exits non-zero when a
// limit is missing from the document or is not of the expected type)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const documentPath = fileURLToPath(import.meta.resolve('@inkwell/openapi/openapi.json'));
const outputUrl = new URL('../src/generated/limits.ts', import.meta.url);

/**
 * name, where in the document (a JSON pointer; `$ref`s on the way are followed), the expected
 * type, and what it means. Lengths count characters as JSON Schema does: Unicode code points.
 * A `media-types` value is OpenAPI's comma-separated list (an encoding's `contentType`).
 * @type {[name: string, pointer: string, type: 'integer' | 'pattern' | 'media-types', doc: string][]}
 */
const LIMITS = [
  [
    'ARTICLE_TITLE_MAX_LENGTH',
    '/components/schemas/ArticleTitle/maxLength',
    'integer',
    'Characters in an article title.',
  ],
  [
    'ARTICLE_DESCRIPTION_MAX_LENGTH',
    '/components/schemas/ArticleDescription/maxLength',
    'integer',
    'Characters in an article description.',
  ],
  [
    'ARTICLE_BODY_MAX_LENGTH',
    '/components/schemas/ArticleBody/maxLength',
    'integer',
    "Characters in an article's body.",
  ],
  [
    'COVER_IMAGE_MAX_LENGTH',
    '/components/schemas/CoverImage/maxLength',
    'integer',
    "Characters in a cover image's URL.",
  ],
  ['COVER_IMAGE_PATTERN', '/components/schemas/CoverImage/pattern', 'pattern', "What a cover image's URL looks like."],
  [
    'ARTICLE_IMAGES_MAX_ITEMS',
    '/components/schemas/ArticleImages/maxItems',
    'integer',
    'Uploaded images whose sizes an article carries.',
  ],
  [
    'COVER_IMAGE_ALT_MAX_LENGTH',
    '/components/schemas/CoverImageAlt/maxLength',
    'integer',
    "Characters in a cover image's text alternative.",
  ],
  [
    'COMMENT_BODY_MAX_LENGTH',
    '/components/schemas/NewComment/properties/body/maxLength',
    'integer',
    'Characters in a comment.',
  ],
  ['TAG_MAX_LENGTH', '/components/schemas/Tag/maxLength', 'integer', 'Characters in one tag.'],
  ['TAG_LIST_MAX_ITEMS', '/components/schemas/TagList/maxItems', 'integer', 'Tags on one article.'],
  ['USERNAME_MAX_LENGTH', '/components/schemas/Username/maxLength', 'integer', 'Characters in a username.'],
  ['USERNAME_PATTERN', '/components/schemas/Username/pattern', 'pattern', 'The characters a username may use.'],
  ['EMAIL_MAX_LENGTH', '/components/schemas/Email/maxLength', 'integer', 'Characters in an e-mail address.'],
  [
    'PASSWORD_MIN_LENGTH',
    '/components/schemas/Password/minLength',
    'integer',
    'Characters in a new password, at least.',
  ],
  [
    'PASSWORD_MAX_LENGTH',
    '/components/schemas/Password/maxLength',
    'integer',
    'Characters in a new password, at most.',
  ],
  [
    'LOGIN_EMAIL_MAX_LENGTH',
    '/components/schemas/LoginUser/properties/email/maxLength',
    'integer',
    'Characters in the e-mail address of a sign-in.',
  ],
  [
    'LOGIN_PASSWORD_MAX_LENGTH',
    '/components/schemas/LoginUser/properties/password/maxLength',
    'integer',
    'Characters in the password of a sign-in.',
  ],
  [
    'BIO_MAX_LENGTH',
    '/components/schemas/UpdateUser/properties/bio/maxLength',
    'integer',
    "Characters in a user's bio.",
  ],
  [
    'USER_IMAGE_MAX_LENGTH',
    '/components/schemas/UpdateUser/properties/image/maxLength',
    'integer',
    "Characters in a user's picture URL.",
  ],
  [
    'USER_IMAGE_PATTERN',
    '/components/schemas/UpdateUser/properties/image/pattern',
    'pattern',
    "What a user's picture URL looks like (empty clears it).",
  ],
  [
    'SEARCH_QUERY_MAX_LENGTH',
    '/components/parameters/Query/schema/maxLength',
    'integer',
    'Characters in a search (`q` of listArticles).',
  ],
  [
    'SEARCH_COUNT_MAX',
    '/components/parameters/Query/x-count-limit',
    'integer',
    'Matches a search counts in `articlesCount`, at most (listArticles with `q`).',
  ],
  [
    'TAG_FILTER_MAX_LENGTH',
    '/components/parameters/Tag/schema/maxLength',
    'integer',
    'Characters in the `tag` filter of listArticles.',
  ],
  [
    'AUTHOR_FILTER_MAX_LENGTH',
    '/components/parameters/Author/schema/maxLength',
    'integer',
    'Characters in the `author` filter of listArticles.',
  ],
  [
    'FAVORITED_FILTER_MAX_LENGTH',
    '/components/parameters/Favorited/schema/maxLength',
    'integer',
    'Characters in the `favorited` filter of listArticles.',
  ],
  [
    'ARTICLES_DEFAULT_LIMIT',
    '/components/parameters/Limit/schema/default',
    'integer',
    'Articles in one page of listArticles and listFeedArticles when `limit` is not given.',
  ],
  [
    'ARTICLES_MAX_LIMIT',
    '/components/parameters/Limit/schema/maximum',
    'integer',
    'Articles in one page of listArticles and listFeedArticles, at most.',
  ],
  [
    'COMMENTS_DEFAULT_LIMIT',
    '/components/parameters/CommentLimit/schema/default',
    'integer',
    'Comments in one page of listArticleComments when `limit` is not given.',
  ],
  [
    'COMMENTS_MAX_LIMIT',
    '/components/parameters/CommentLimit/schema/maximum',
    'integer',
    'Comments in one page of listArticleComments, at most.',
  ],
  ['LIST_MAX_OFFSET', '/components/parameters/Offset/schema/maximum', 'integer', 'The largest `offset` of any list.'],
  [
    'POPULAR_TAGS_MAX_ITEMS',
    '/components/schemas/TagsResponse/properties/tags/maxItems',
    'integer',
    'Tags in the answer of listTags (the most used first).',
  ],
  [
    'UPLOAD_MAX_BYTES',
    '/components/schemas/AssetUpload/properties/file/x-max-bytes',
    'integer',
    'Bytes in one uploaded image (createAsset).',
  ],
  [
    'UPLOAD_MAX_PIXELS',
    '/components/schemas/AssetUpload/properties/file/x-max-pixels',
    'integer',
    'Pixels in one uploaded image, all frames of an animation together (createAsset).',
  ],
  [
    'ACCEPTED_IMAGE_TYPES',
    '/components/requestBodies/AssetUploadBody/content/multipart~1form-data/encoding/file/contentType',
    'media-types',
    'Media types of the images one may upload (createAsset); the API tells them by their bytes.',
  ],
  [
    'ASSET_VARIANT_WIDTHS',
    '/components/schemas/Asset/properties/variants/x-widths',
    'integer-list',
    'Widths of the narrower copies made of an uploaded image (those narrower than it), narrowest first.',
  ],
];

const document = JSON.parse(readFileSync(documentPath, 'utf8'));

/** The value at `pointer`, following `$ref`s to other parts of the document on the way. */
function resolve(pointer) {
  let node = document;
  for (const raw of pointer.split('/').slice(1)) {
    while (node && typeof node === 'object' && typeof node.$ref === 'string') node = resolve(node.$ref.slice(1));
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node || typeof node !== 'object' || !(key in node)) return undefined;
    node = node[key];
  }
  return node;
}

/** A TypeScript string literal in single quotes, as Prettier writes it. */
function quote(text) {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** "image/png, image/gif" → ['image/png', 'image/gif']; undefined unless every item is a type/subtype. */
function parseMediaTypes(value) {
  if (typeof value !== 'string') return undefined;
  const types = value.split(',').map((item) => item.trim());
  return types.every((item) => /^[a-z]+\/[a-z0-9.+-]+$/.test(item)) ? types : undefined;
}

const problems = [];
const lines = [
  '// Generated by scripts/generate-limits.js from the bundled OpenAPI document: do not edit, edit the',
  '// contract. Lengths count Unicode code points, as JSON Schema does (see `textLength`).',
];
for (const [name, pointer, type, doc] of LIMITS) {
  const value = resolve(pointer);
  if (type === 'integer' && !Number.isSafeInteger(value)) {
    problems.push(`${pointer}: expected an integer, found ${JSON.stringify(value)}`);
    continue;
  }
  if (type === 'pattern' && typeof value !== 'string') {
    problems.push(`${pointer}: expected a pattern, found ${JSON.stringify(value)}`);
    continue;
  }
  if (
    type === 'integer-list' &&
    !(
      Array.isArray(value) &&
      value.length > 0 &&
      value.every((item, i) => Number.isSafeInteger(item) && item > (value[i - 1] ?? 0))
    )
  ) {
    problems.push(`${pointer}: expected whole numbers in increasing order, found ${JSON.stringify(value)}`);
    continue;
  }
  const mediaTypes = type === 'media-types' ? parseMediaTypes(value) : undefined;
  if (type === 'media-types' && !mediaTypes) {
    problems.push(`${pointer}: expected a list of media types, found ${JSON.stringify(value)}`);
    continue;
  }
  lines.push('', `/** ${doc} From \`#${pointer}\`. */`);
  if (mediaTypes) lines.push(`export const ${name} = [${mediaTypes.map(quote).join(', ')}] as const;`);
  else if (type === 'integer-list') lines.push(`export const ${name} = [${value.join(', ')}] as const;`);
  else lines.push(`export const ${name} = ${type === 'pattern' ? quote(value) : String(value)};`);
}

if (problems.length > 0) {
  console.error(`generate-limits: the contract at ${documentPath} lacks limits:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
mkdirSync(new URL('.', outputUrl), { recursive: true });
writeFileSync(outputUrl, `${lines.join('\n')}\n`);
console.log(`generate-limits: wrote ${LIMITS.length} limits to ${fileURLToPath(outputUrl)}`);
