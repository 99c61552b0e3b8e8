/**
 * A small, deterministic ZIP writer (PKWARE APPNOTE 6.3: local headers, deflate, central directory,
 * end record; no ZIP64, no encryption): the same files give the same bytes, whenever and wherever
 * the package is built. Directories get their own entries, as GitHub's and Godot's own archives have.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipFile {
  /** Forward slashes, relative, no leading slash. */
  readonly path: string;
  readonly data: Uint8Array;
}

// 2026-01-01 00:00 in MS-DOS form: a fixed time, so that a rebuild changes no byte.
const DOS_TIME = 0;
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 1;
const VERSION_NEEDED = 20; // 2.0: deflate and directories
const VERSION_MADE_BY = (3 << 8) | VERSION_NEEDED; // host 3 = Unix, so that the mode bits below count
const FLAG_UTF8_NAMES = 1 << 11;
const STORED = 0;
const DEFLATED = 8;
const FILE_MODE = 0o100644;
const DIRECTORY_MODE = 0o040755;
const MSDOS_DIRECTORY = 0x10;
const MAX_ENTRIES = 0xffff;
const MAX_SIZE = 0xffffffff;

interface Entry {
  readonly name: Buffer;
  readonly directory: boolean;
  readonly crc: number;
  readonly size: number;
  readonly body: Buffer;
  readonly method: number;
  offset: number;
}

function toEntry(name: string, data: Uint8Array | null): Entry {
  const directory = data === null;
  const raw = data ?? new Uint8Array(0);
  if (raw.length > MAX_SIZE) throw new Error(`${name}: too large for a ZIP without ZIP64`);
  const deflated = directory ? Buffer.alloc(0) : deflateRawSync(raw, { level: 9 });
  // Tiny files can grow when deflated: store those as they are.
  const method = !directory && deflated.length < raw.length ? DEFLATED : STORED;
  const body = method === DEFLATED ? deflated : Buffer.from(raw);
  return { name: Buffer.from(name, 'utf8'), directory, crc: directory ? 0 : crc32(raw), size: raw.length, body, method, offset: 0 };
}

/** The fields local and central headers share, from "version needed" to the name's length. */
function commonFields(entry: Entry): Buffer {
  const fields = Buffer.alloc(26);
  fields.writeUInt16LE(VERSION_NEEDED, 0);
  fields.writeUInt16LE(FLAG_UTF8_NAMES, 2);
  fields.writeUInt16LE(entry.method, 4);
  fields.writeUInt16LE(DOS_TIME, 6);
  fields.writeUInt16LE(DOS_DATE, 8);
  fields.writeUInt32LE(entry.crc, 10);
  fields.writeUInt32LE(entry.body.length, 14);
  fields.writeUInt32LE(entry.size, 18);
  fields.writeUInt16LE(entry.name.length, 22);
  fields.writeUInt16LE(0, 24); // extra field length
  return fields;
}

function localHeader(entry: Entry): Buffer {
  const signature = Buffer.alloc(4);
  signature.writeUInt32LE(0x04034b50, 0);
  return Buffer.concat([signature, commonFields(entry), entry.name]);
}

function centralHeader(entry: Entry): Buffer {
  const head = Buffer.alloc(6);
  head.writeUInt32LE(0x02014b50, 0);
  head.writeUInt16LE(VERSION_MADE_BY, 4);
  const tail = Buffer.alloc(14);
  tail.writeUInt16LE(0, 0); // comment length
  tail.writeUInt16LE(0, 2); // disk number
  tail.writeUInt16LE(0, 4); // internal attributes
  const mode = entry.directory ? DIRECTORY_MODE : FILE_MODE;
  tail.writeUInt32LE(((mode << 16) | (entry.directory ? MSDOS_DIRECTORY : 0)) >>> 0, 6);
  tail.writeUInt32LE(entry.offset, 10);
  return Buffer.concat([head, commonFields(entry), tail, entry.name]);
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return end;
}

/** Every parent folder of the files, each once, e.g. `addons/`, `addons/game_tracker/`. */
function folders(files: readonly ZipFile[]): string[] {
  const all = new Set<string>();
  for (const file of files) {
    const parts = file.path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) all.add(`${parts.slice(0, i).join('/')}/`);
  }
  return [...all];
}

/** The archive: folders and files in name order. */
export function writeZip(files: readonly ZipFile[]): Buffer {
  for (const file of files) {
    if (file.path.startsWith('/') || file.path.includes('\\') || file.path.split('/').includes('..')) throw new Error(`bad path in zip: ${file.path}`);
  }
  const byName = new Map<string, Uint8Array | null>(folders(files).map((folder) => [folder, null]));
  for (const file of files) byName.set(file.path, file.data);
  const entries = [...byName.keys()].sort().map((name) => toEntry(name, byName.get(name) ?? null));
  if (entries.length > MAX_ENTRIES) throw new Error('too many entries for a ZIP without ZIP64');
  const parts: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    entry.offset = offset;
    const header = localHeader(entry);
    parts.push(header, entry.body);
    offset += header.length + entry.body.length;
  }
  const central = Buffer.concat(entries.map(centralHeader));
  if (offset + central.length > MAX_SIZE) throw new Error('archive too large for a ZIP without ZIP64');
  return Buffer.concat([...parts, central, endOfCentralDirectory(entries.length, central.length, offset)]);
}
