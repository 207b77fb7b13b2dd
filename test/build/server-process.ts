/**
 * What a server under test costs, read from outside it: the resident memory of its process (from
 * `/proc`, Linux) and the bytes of a folder on disk. The servers are children of the test process
 * (`startNext`, `startStandalone`), found by the socket they listen on.
 */
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';

/** Parent of each running process, from `/proc/<pid>/stat` (field 4, after the parenthesised name). */
async function parents(): Promise<Map<number, number>> {
  const map = new Map<number, number>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      map.set(Number(name), parent);
    } catch {
      // The process ended while we looked.
    }
  }
  return map;
}

/** This process's descendants: children, their children, and so on. */
async function descendants(): Promise<number[]> {
  const parentOf = await parents();
  const found: number[] = [];
  let generation = [process.pid];
  while (generation.length > 0) {
    const next = [...parentOf].filter(([, parent]) => generation.includes(parent)).map(([pid]) => pid);
    found.push(...next);
    generation = next;
  }
  return found;
}

/** Inodes of the sockets listening on `port` (IPv4 and IPv6), from `/proc/net/tcp*`. */
async function listeningSockets(port: number): Promise<Set<string>> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = await readFile(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      const local = fields[1]?.split(':')[1];
      const inode = fields[9];
      if (local !== undefined && inode !== undefined && fields[3] === '0A' && parseInt(local, 16) === port) {
        inodes.add(inode);
      }
    }
  }
  return inodes;
}

/**
 * The process id of the server (started by this test process) that listens at `url`: the one
 * holding the listening socket (Next renames its process, so the command line does not tell).
 */
export async function serverPid(url: string): Promise<number> {
  const sockets = await listeningSockets(Number(new URL(url).port));
  for (const pid of await descendants()) {
    let descriptors: string[] = [];
    try {
      descriptors = await readdir(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of descriptors) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      if (sockets.has(/^socket:\[(\d+)\]$/.exec(target)?.[1] ?? '')) return pid;
    }
  }
  throw new Error(`no child process serves ${url}`);
}

/** Resident memory of a process in bytes (`VmRSS` in `/proc/<pid>/status`). */
export async function residentBytes(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kilobytes = /^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kilobytes === undefined) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kilobytes) * 1024;
}

/** Bytes of the files in a folder and below (links counted as links, not followed). */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(full) : (await lstat(full)).size;
  }
  return total;
}

/** Bytes as megabytes with one decimal, for the figures a test prints. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
