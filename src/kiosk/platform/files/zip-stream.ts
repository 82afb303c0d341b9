// A ZIP written front to back (what an XLSX is): each entry is deflated in pieces as it is written, its CRC and sizes
// follow it in a data descriptor, and the directory comes last. The writer keeps only the current piece and one
// directory line per entry, so its memory does not grow with what is written. Synchronous on purpose: it runs in the
// console worker, away from the gate's thread.
import zlib from 'node:zlib';

/** Text and bytes are gathered up to this size before each deflate call (fewer calls, same ratio). */
const PIECE = 256 * 1024;

interface DirectoryLine {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

function dosTime(at: Date): { time: number; date: number } {
  return {
    time: (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1),
    date: ((Math.max(at.getFullYear(), 1980) - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  };
}

export interface ZipEntryWriter {
  write(text: string): void;
  end(): void;
}

export function createZipWriter(out: (chunk: Buffer) => void, options: { at: Date; level?: number }) {
  const { time, date } = dosTime(options.at);
  const level = options.level ?? 6;
  const directory: DirectoryLine[] = [];
  let offset = 0;
  let open = false;
  const emit = (chunk: Buffer) => {
    if (chunk.length === 0) return;
    offset += chunk.length;
    out(chunk);
  };

  return {
    /** Starts an entry; write its text in any number of pieces, then end it. One entry at a time. */
    entry(name: string): ZipEntryWriter {
      if (open) throw new Error('a zip entry is still open');
      open = true;
      const nameBytes = Buffer.from(name, 'utf8');
      const header = Buffer.alloc(30);
      header.writeUInt32LE(0x04034b50, 0);
      header.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
      header.writeUInt16LE(0x0808, 6); // sizes in a data descriptor; UTF-8 names
      header.writeUInt16LE(8, 8); // deflate
      header.writeUInt16LE(time, 10);
      header.writeUInt16LE(date, 12);
      header.writeUInt16LE(nameBytes.length, 26);
      const line: DirectoryLine = { name: nameBytes, offset, crc: 0, compressed: 0, size: 0 };
      emit(header);
      emit(nameBytes);
      let pending: string[] = [];
      let pendingLength = 0;
      // Each piece is deflated on its own and ended with a sync flush: the pieces join into one valid deflate
      // stream (non-final blocks on byte boundaries), closed by a final empty block at the end.
      const deflate = (bytes: Buffer, finish: boolean) => {
        line.crc = zlib.crc32(bytes, line.crc);
        line.size += bytes.length;
        const packed = zlib.deflateRawSync(bytes, { level, finishFlush: finish ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH });
        line.compressed += packed.length;
        emit(packed);
      };
      const flush = (finish: boolean) => {
        const bytes = Buffer.from(pending.join(''), 'utf8');
        pending = [];
        pendingLength = 0;
        if (bytes.length > 0 || finish) deflate(bytes, finish);
      };
      return {
        write(text: string) {
          pending.push(text);
          pendingLength += text.length;
          if (pendingLength >= PIECE) flush(false);
        },
        end() {
          flush(true);
          const descriptor = Buffer.alloc(16);
          descriptor.writeUInt32LE(0x08074b50, 0);
          descriptor.writeUInt32LE(line.crc >>> 0, 4);
          descriptor.writeUInt32LE(line.compressed, 8);
          descriptor.writeUInt32LE(line.size, 12);
          emit(descriptor);
          directory.push(line);
          open = false;
        },
      };
    },

    /** Writes the central directory; the archive is complete after this. */
    finish(): void {
      if (open) throw new Error('a zip entry is still open');
      const start = offset;
      for (const line of directory) {
        const head = Buffer.alloc(46);
        head.writeUInt32LE(0x02014b50, 0);
        head.writeUInt16LE(20, 4);
        head.writeUInt16LE(20, 6);
        head.writeUInt16LE(0x0808, 8);
        head.writeUInt16LE(8, 10);
        head.writeUInt16LE(time, 12);
        head.writeUInt16LE(date, 14);
        head.writeUInt32LE(line.crc >>> 0, 16);
        head.writeUInt32LE(line.compressed, 20);
        head.writeUInt32LE(line.size, 24);
        head.writeUInt16LE(line.name.length, 28);
        head.writeUInt32LE(line.offset, 42);
        emit(head);
        emit(line.name);
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(directory.length, 8);
      end.writeUInt16LE(directory.length, 10);
      end.writeUInt32LE(offset - start, 12);
      end.writeUInt32LE(start, 16);
      emit(end);
    },
  };
}
