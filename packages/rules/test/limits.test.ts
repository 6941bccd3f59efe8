import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import * as rules from '../src/index.js';

const document = JSON.parse(
  readFileSync(fileURLToPath(import.meta.resolve('@inkwell/openapi/openapi.json')), 'utf8'),
) as { components: { schemas: Record<string, Record<string, unknown>> } };
const schema = (name: string): Record<string, unknown> => document.components.schemas[name]!;

describe('the generated limits', () => {
  test('When they are read, then they are the contract’s values', () => {
    assert.equal(rules.ARTICLE_TITLE_MAX_LENGTH, schema('ArticleTitle').maxLength);
    assert.equal(rules.TAG_LIST_MAX_ITEMS, schema('TagList').maxItems);
    assert.equal(rules.USERNAME_PATTERN, schema('Username').pattern);
  });

  test('When the upload limits are read, then they are the machine-readable ones the contract states in words', () => {
    const { file } = schema('AssetUpload').properties as { file: { description: string } };

    assert.equal(rules.UPLOAD_MAX_BYTES, 10 * 1024 * 1024);
    assert.equal(rules.UPLOAD_MAX_PIXELS, 50_000_000);
    assert.match(
      file.description,
      new RegExp(`at most ${rules.formatBytes(rules.UPLOAD_MAX_BYTES)} and 50 megapixels`),
    );
  });

  test('When the accepted image types are read, then they are the contract’s, and its prose names each of them', () => {
    const upload = document.components as unknown as {
      requestBodies: { AssetUploadBody: { content: Record<string, { encoding: { file: { contentType: string } } }> } };
    };
    const { contentType } = upload.requestBodies.AssetUploadBody.content['multipart/form-data']!.encoding.file;
    const { file } = schema('AssetUpload').properties as { file: { description: string } };

    assert.ok(rules.ACCEPTED_IMAGE_TYPES.length > 0);
    assert.equal(rules.ACCEPTED_IMAGE_TYPES.join(', '), contentType);
    for (const type of rules.ACCEPTED_IMAGE_TYPES) {
      assert.match(file.description, new RegExp(`\\b${type.slice('image/'.length)}\\b`, 'i'), type);
    }
  });

  test('When every limit is listed, then each is a positive whole number, a pattern that compiles, a list of media types or a ladder of widths', () => {
    const limits = Object.entries(rules).filter(([name]) => /^[A-Z][A-Z_]+$/.test(name));

    assert.ok(limits.length >= 30);
    for (const [name, value] of limits) {
      if (name.endsWith('_PATTERN')) assert.doesNotThrow(() => new RegExp(value as string, 'u'), name);
      else if (name.endsWith('_TYPES'))
        assert.ok(Array.isArray(value) && value.every((type) => /^\w+\/\S+$/.test(type)), name);
      else if (name.endsWith('_WIDTHS'))
        assert.ok(
          Array.isArray(value) &&
            value.length > 0 &&
            value.every((w, i) => Number.isSafeInteger(w) && w > (value[i - 1] ?? 0)),
          name,
        );
      else assert.ok(Number.isSafeInteger(value) && (value as number) > 0, name);
    }
  });
});
