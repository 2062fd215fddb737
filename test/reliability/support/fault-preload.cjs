/**
 * Preloaded into a real `sift` process (node --require) to inject one fault into node:fs,
 * chosen by SIFT_FAULT; only files below SIFT_FAULT_ROOT (the workspace) are affected, and
 * not Sift's cache (.sift/). No test hook lives in the product: this replaces functions
 * of `fs.promises` and of `fs` (the synchronous calls of a write of small study files, see
 * NodeFileSystem.applyLocked), which Sift calls through the module objects.
 *
 *   hang-before-rename   announce "SIFT-FAULT renaming <file>" on stderr, then block before a
 *                        temporary file is renamed into place: the parent kills the process
 *                        there, or releases it by creating SIFT_FAULT_RELEASE
 *   hang-in-write        write half of a temporary file, announce, and block
 *   enospc-after:<n>     a temporary file takes n bytes, then the disk is full (ENOSPC)
 *   erofs                the whole folder (.sift/ too) is read-only: every open for writing,
 *                        mkdir, rename and removal fails (EROFS)
 */
const fs = require('node:fs');
const path = require('node:path');

const fault = process.env.SIFT_FAULT || '';
const root = path.resolve(process.env.SIFT_FAULT_ROOT || '/nonexistent');
const release = process.env.SIFT_FAULT_RELEASE;
const p = fs.promises;

const below = (file) => path.resolve(String(file)).startsWith(root + path.sep);
const inWorkspace = (file) =>
  below(file) &&
  !path
    .resolve(String(file))
    .slice(root.length + 1)
    .startsWith('.sift');
const announce = (what, file) => fs.writeSync(2, `SIFT-FAULT ${what} ${path.relative(root, path.resolve(String(file)))}\n`);
/** Blocks this process (no event loop) until released or killed. */
const block = () => {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (!(release && fs.existsSync(release))) Atomics.wait(cell, 0, 0, 10);
};
const osError = (code, message) => Object.assign(new Error(`${code}: ${message}`), { code });

if (fault === 'hang-before-rename') {
  const beforeRename = (from, to) => {
    if (inWorkspace(to) && String(from).endsWith('.tmp')) {
      announce('renaming', to);
      block();
    }
  };
  const rename = p.rename;
  p.rename = async function (from, to) {
    beforeRename(from, to);
    return rename.apply(this, arguments);
  };
  const renameSync = fs.renameSync;
  fs.renameSync = function (from, to) {
    beforeRename(from, to);
    return renameSync.apply(this, arguments);
  };
}

/** The file descriptors of temporary files opened synchronously in the workspace, with their paths. */
const temporaryFds = new Map();
if (fault === 'hang-in-write' || fault.startsWith('enospc-after:') || fault === 'erofs') {
  const openSync = fs.openSync;
  fs.openSync = function (file, flags) {
    if (fault === 'erofs' && below(file) && /[wa+]/.test(String(flags || 'r'))) throw osError('EROFS', `read-only file system, open '${file}'`);
    const fd = openSync.apply(this, arguments);
    if (inWorkspace(file) && String(file).endsWith('.tmp')) temporaryFds.set(fd, String(file));
    return fd;
  };
  const closeSync = fs.closeSync;
  fs.closeSync = function (fd) {
    temporaryFds.delete(fd);
    return closeSync.apply(this, arguments);
  };
}

if (fault === 'hang-in-write' || fault.startsWith('enospc-after:')) {
  const writeSync = fs.writeSync;
  fs.writeSync = function (fd, buffer, offset) {
    const file = temporaryFds.get(fd);
    if (file === undefined || typeof buffer === 'string') return writeSync.apply(this, arguments);
    const bytes = buffer.subarray(offset ?? 0);
    const keep = fault === 'hang-in-write' ? bytes.length >> 1 : Number(fault.slice('enospc-after:'.length));
    temporaryFds.delete(fd); // the fault once per file
    writeSync.call(this, fd, bytes.subarray(0, Math.min(keep, bytes.length)));
    if (fault === 'hang-in-write') {
      fs.fsyncSync(fd);
      announce('writing', file);
      block();
      return Math.min(keep, bytes.length);
    }
    throw osError('ENOSPC', 'no space left on device, write');
  };
}

if (fault === 'hang-in-write' || fault.startsWith('enospc-after:')) {
  const open = p.open;
  p.open = async function (file) {
    const handle = await open.apply(this, arguments);
    if (!inWorkspace(file) || !String(file).endsWith('.tmp')) return handle;
    const writeFile = handle.writeFile;
    handle.writeFile = async function (content) {
      const bytes = Buffer.from(content);
      const keep = fault === 'hang-in-write' ? bytes.length >> 1 : Number(fault.slice('enospc-after:'.length));
      await handle.write(bytes.subarray(0, Math.min(keep, bytes.length)));
      if (fault === 'hang-in-write') {
        await handle.sync();
        announce('writing', file);
        block();
        return writeFile.apply(this, arguments);
      }
      throw osError('ENOSPC', 'no space left on device, write');
    };
    return handle;
  };
}

if (fault === 'erofs') {
  const open = p.open;
  p.open = async function (file, flags) {
    if (below(file) && /[wa+]/.test(String(flags || 'r'))) throw osError('EROFS', `read-only file system, open '${file}'`);
    return open.apply(this, arguments);
  };
  const mkdir = p.mkdir;
  p.mkdir = async function (dir) {
    if (below(dir) && !fs.existsSync(dir)) throw osError('EROFS', `read-only file system, mkdir '${dir}'`);
    return mkdir.apply(this, arguments);
  };
  for (const name of ['rename', 'rm', 'unlink', 'writeFile']) {
    const original = p[name];
    p[name] = async function (file) {
      if (below(file)) throw osError('EROFS', `read-only file system, ${name} '${file}'`);
      return original.apply(this, arguments);
    };
  }
  const mkdirSync = fs.mkdirSync;
  fs.mkdirSync = function (dir) {
    if (below(dir) && !fs.existsSync(dir)) throw osError('EROFS', `read-only file system, mkdir '${dir}'`);
    return mkdirSync.apply(this, arguments);
  };
  for (const name of ['renameSync', 'rmSync', 'unlinkSync', 'writeFileSync']) {
    const original = fs[name];
    fs[name] = function (file) {
      if (below(file)) throw osError('EROFS', `read-only file system, ${name.replace(/Sync$/, '')} '${file}'`);
      return original.apply(this, arguments);
    };
  }
}
