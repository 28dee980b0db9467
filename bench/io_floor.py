#!/usr/bin/env python3
"""The machine's I/O floor for a cold extract: writes a copy of every XLIFF file of a corpus (same sizes, same
folders) through a temporary file and a rename, as ccl10n does, and prints `wall cpu` in seconds for the
writing alone (no interpreter start-up).

Usage: io_floor.py MODE SOURCE_DIR SCRATCH_DIR TRASH_DIR, MODE one of
  rename  temporary file + rename, no flush (what a crash-unsafe tool pays)
  fsync   temporary file + fsync + rename, one fsync per file (ccl10n before the write batch)
  batch   every temporary file, one syncfs, every rename, one fsync per folder (ccl10n's write batch)
"""
import ctypes, os, sys, tempfile, time

mode, source, scratch, trash = sys.argv[1:5]

def set_aside():
    """Renames the scratch folder into the trash: deleting it would free inodes that ext4 then skips when the
    next files are made (see bench/trash.sh)."""
    if os.path.exists(scratch):
        os.rename(scratch, tempfile.mkdtemp(prefix="floor.", dir=trash))

files = []
for folder, _, names in os.walk(source):
    for name in sorted(names):
        if name.endswith(".xlf"):
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                files.append((os.path.join(scratch, os.path.relpath(path, source)), f.read()))
set_aside()
for folder in {os.path.dirname(path) for path, _ in files}:
    os.makedirs(folder, exist_ok=True)
libc = ctypes.CDLL(None, use_errno=True)

started, cpu = time.perf_counter(), time.process_time()
temporaries = []
for path, data in files:
    temporary = os.path.join(os.path.dirname(path), ".tmp-" + os.path.basename(path))
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.write(fd, data)
    if mode == "fsync":
        os.fsync(fd)
    os.close(fd)
    if mode == "batch":
        temporaries.append((temporary, path))
    else:
        os.rename(temporary, path)
if mode == "batch":
    folders = sorted({os.path.dirname(path) for _, path in temporaries})
    fds = [os.open(folder, os.O_RDONLY | os.O_DIRECTORY) for folder in folders]
    if libc.syncfs(fds[0]) != 0:
        sys.exit(f"syncfs: {os.strerror(ctypes.get_errno())}")
    for temporary, path in temporaries:
        os.rename(temporary, path)
    for fd in fds:
        os.fsync(fd)
        os.close(fd)
print(f"{time.perf_counter() - started:.4f} {time.process_time() - cpu:.4f}")
set_aside()
