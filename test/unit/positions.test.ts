import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LineIndex } from '../../src/parse/positions.js';

describe('LineIndex', () => {
  test('lines and columns count characters, not bytes or UTF-16 units', () => {
    const text = 'ab\n\té😀x\r\ny';
    const index = new LineIndex(text);
    assert.deepEqual(index.position(0), { line: 1, column: 1 });
    assert.deepEqual(index.position(3), { line: 2, column: 1 }); // the tab
    assert.deepEqual(index.position(text.indexOf('é')), { line: 2, column: 2 });
    assert.deepEqual(index.position(text.indexOf('x')), { line: 2, column: 4 }); // the emoji is one character
    assert.deepEqual(index.position(text.indexOf('y')), { line: 3, column: 1 }); // CRLF ends the line
  });

  test('byte offsets (UTF-8) map to string offsets and back', () => {
    const text = "SELECT 'é😀', x";
    const index = new LineIndex(text);
    const xByte = Buffer.byteLength(text.slice(0, text.indexOf('x')), 'utf8');
    assert.equal(xByte, 17);
    assert.equal(index.byteToOffset(xByte), text.indexOf('x'));
    assert.equal(index.offsetToByte(text.indexOf('x')), xByte);
    assert.equal(index.byteToOffset(Buffer.byteLength(text)), text.length);
  });

  test('ASCII text needs no mapping', () => {
    const index = new LineIndex('SELECT 1;\nSELECT 2;');
    assert.equal(index.byteToOffset(12), 12);
    assert.deepEqual(index.position(12), { line: 2, column: 3 });
  });
});
