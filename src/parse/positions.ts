/** 1-based line and column; columns count Unicode code points (a tab is one character). */
export interface Position {
  line: number;
  column: number;
}

/**
 * Converts offsets into a file's text to line:column, and the byte offsets that libpg-query reports
 * (UTF-8) to UTF-16 string offsets. Lines end at "\n"; a "\r" before it belongs to no column.
 */
export class LineIndex {
  private readonly lineStarts: number[] = [0];
  private byteMap: Uint32Array | undefined;
  private offsetMap: Uint32Array | undefined;
  private readonly ascii: boolean;

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    this.ascii = Buffer.byteLength(text, 'utf8') === text.length;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** UTF-16 offset at which a 1-based line starts. */
  lineStart(line: number): number {
    return this.lineStarts[Math.min(Math.max(line, 1), this.lineStarts.length) - 1] ?? 0;
  }

  position(offset: number): Position {
    const clamped = Math.min(Math.max(offset, 0), this.text.length);
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= clamped) lo = mid;
      else hi = mid - 1;
    }
    const start = this.lineStarts[lo] ?? 0;
    let column = 1;
    for (let i = start; i < clamped; i++) {
      const code = this.text.charCodeAt(i);
      // the second half of a surrogate pair does not start a new character
      if (code >= 0xdc00 && code <= 0xdfff && i > start) continue;
      column++;
    }
    return { line: lo + 1, column };
  }

  /** UTF-16 offset of a UTF-8 byte offset into the same text. */
  byteToOffset(byteOffset: number): number {
    if (this.ascii) return byteOffset;
    const map = this.buildByteMap();
    return map[Math.min(Math.max(byteOffset, 0), map.length - 1)] ?? this.text.length;
  }

  /** UTF-8 byte offset of a UTF-16 offset into the same text. */
  offsetToByte(offset: number): number {
    if (this.ascii) return offset;
    if (!this.offsetMap) {
      const map = new Uint32Array(this.text.length + 1);
      let byte = 0;
      for (let i = 0; i < this.text.length; i++) {
        map[i] = byte;
        const code = this.text.charCodeAt(i);
        // a surrogate pair is 4 bytes: 2 for each half
        byte += code < 0x80 ? 1 : code < 0x800 ? 2 : code >= 0xd800 && code <= 0xdfff ? 2 : 3;
      }
      map[this.text.length] = byte;
      this.offsetMap = map;
    }
    return this.offsetMap[Math.min(Math.max(offset, 0), this.text.length)] ?? 0;
  }

  private buildByteMap(): Uint32Array {
    if (this.byteMap) return this.byteMap;
    const map = new Uint32Array(Buffer.byteLength(this.text, 'utf8') + 1);
    let byte = 0;
    for (let i = 0; i < this.text.length; i++) {
      const code = this.text.codePointAt(i) ?? 0;
      const width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      for (let k = 0; k < width; k++) map[byte + k] = i;
      byte += width;
      if (code >= 0x10000) i++;
    }
    map[byte] = this.text.length;
    this.byteMap = map;
    return map;
  }
}
