/**
 * JSON text → value with a syntax error that names the file, line and column (V8's own message does not
 * always carry a position), and reading a file or stdin (`-`).
 */
import { readFile } from 'node:fs/promises';
import { QuarryError } from '../errors.ts';

/** Offset of the first JSON syntax error in `text` (RFC 8259 grammar), or −1 when there is none. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => { throw i; };
  const space = (): void => { while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++; };
  const literal = (word: string): void => { for (const ch of word) { if (text[i] !== ch) fail(); i++; } };
  const string = (): void => {
    i++;
    while (i < text.length && text[i] !== '"') {
      const ch = text.charCodeAt(i);
      if (ch < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') { for (let k = 0; k < 4; k++) { i++; if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail(); } }
        else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = (): void => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) fail();
    i += match![0].length;
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === '{') {
      i++; space();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        space(); if (text[i] !== '"') fail(); string(); space();
        if (text[i] !== ':') fail(); i++; value(); space();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail();
      }
    } else if (ch === '[') {
      i++; space();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); space();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail();
      }
    } else if (ch === '"') string();
    else if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) number();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else fail();
  };
  try {
    value(); space();
    return i < text.length ? i : -1;
  } catch (offset) {
    return offset as number;
  }
}

/** 1-based line and column of an offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** JSON.parse with a QuarryError naming `source`, line and column, and the text there. */
export function parseJsonText(text: string, source: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const offset = Math.min(Math.max(jsonErrorOffset(text), 0), text.length);
    const { line, column } = lineColumn(text, offset);
    const near = offset >= text.length ? 'at the end of the input' : `near ${JSON.stringify(text.slice(Math.max(0, offset - 15), offset + 15).replace(/\s+/g, ' '))}`;
    const reason = (error as Error).message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '');
    throw new QuarryError('INVALID_INPUT', `${source}:${line}:${column}: invalid JSON (${reason}) ${near}`,
      'fix the JSON syntax at that line and column (a trailing comma, a missing quote, comma or bracket?)', { cause: error });
  }
}

/** Reads a file's text, or all of stdin for `-`; a missing file is a FILE_NOT_FOUND QuarryError. */
export async function readText(path: string): Promise<string> {
  if (path === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new QuarryError('FILE_NOT_FOUND', `${path}: no such file`, 'check the path (use - to read from stdin)', { cause: error });
    throw new QuarryError('INVALID_INPUT', `${path}: cannot read (${code ?? (error as Error).message})`, 'check that the path is a readable file', { cause: error });
  }
}

/** Reads and parses a JSON file (or stdin for `-`). */
export async function readJson(path: string): Promise<unknown> {
  return parseJsonText(await readText(path), path === '-' ? '<stdin>' : path);
}
