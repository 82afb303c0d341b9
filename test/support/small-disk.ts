// A small file system of its own under a data folder, to fill up: a tmpfs, or an ext4 image on a loop device where
// tmpfs cannot be mounted (both need root); the reason when neither can, for a test to skip with.
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, openSync, rmSync, writeSync } from 'node:fs';

/** Mounts a small file system at `dir`: tmpfs, else an ext4 image on a loop device; null with the reason if neither. */
export function mountSmallDisk(dir: string, sizeMb: number): { how: string; unmount(): void } | { skip: string } {
  const tmpfs = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0700`, 'tmpfs', dir], { encoding: 'utf8' });
  if (tmpfs.status === 0) return { how: `tmpfs of ${sizeMb} MiB`, unmount: () => execFileSync('umount', ['-l', dir]) };
  const image = `${dir}.img`;
  try {
    execFileSync('truncate', ['-s', `${sizeMb}M`, image]);
    execFileSync('mkfs.ext4', ['-q', '-F', image]);
    execFileSync('mount', ['-o', 'loop', image, dir]);
    return {
      how: `loop-mounted ext4 image of ${sizeMb} MiB (tmpfs: ${tmpfs.stderr.trim()})`,
      unmount: () => {
        execFileSync('umount', ['-l', dir]);
        rmSync(image, { force: true });
      },
    };
  } catch (error) {
    rmSync(image, { force: true });
    return { skip: `cannot mount a small file system here: tmpfs said "${tmpfs.stderr.trim()}", the loop image said "${(error as Error).message.split('\n')[0]}"` };
  }
}

/** Writes zeros until the file system says ENOSPC. */
export function fillDisk(file: string): number {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(64 * 1024);
  let written = 0;
  try {
    for (;;) {
      try {
        written += writeSync(fd, chunk);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        // Fill the last partial block too.
        for (let size = chunk.length / 2; size >= 512; size /= 2) {
          try {
            written += writeSync(fd, chunk.subarray(0, size));
          } catch {
            /* this size no longer fits: try a smaller one */
          }
        }
        return written;
      }
    }
  } finally {
    closeSync(fd);
  }
}
