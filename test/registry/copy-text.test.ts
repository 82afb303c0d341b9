// COPY's text format as the registry writes a batch: no value can end a column or a row early, or read as NULL.
import { describe, expect, it } from 'vitest';
import { copyField, jsonField, textArrayLiteral } from '../../src/registry/copy-text.ts';

describe('COPY text values', () => {
  it.each([
    ['c-1', 'c-1'],
    ['a\tb', 'a\\tb'],
    ['a\nb\r', 'a\\nb\\r'],
    ['back\\slash', 'back\\\\slash'],
    ['\\N', '\\\\N'],
    ['\\.', '\\\\.'],
    ['', ''],
  ])('copyField(%j) is %j', (value, written) => expect(copyField(value)).toBe(written));

  it.each([
    [[], '{}'],
    [['fever'], '{"fever"}'],
    [['a,b', '{x}', 'NULL', ' sp '], '{"a,b","{x}","NULL"," sp "}'],
    [['q"uote', 'back\\slash'], '{"q\\"uote","back\\\\slash"}'],
  ])('textArrayLiteral(%j) is %j', (items, literal) => expect(textArrayLiteral(items)).toBe(literal));

  it.each([
    ['{"a":"b"}', '{"a":"b"}'],
    [JSON.stringify({ v: 'tab\tnew\nline' }), '{"v":"tab\\\\tnew\\\\nline"}'],
    [JSON.stringify({ v: 'q"\\' }), '{"v":"q\\\\"\\\\\\\\"}'],
  ])('jsonField(%j) is %j', (json, written) => {
    expect(jsonField(json)).toBe(written);
    expect(jsonField(json)).not.toMatch(/[\t\n\r]/);
  });
});
