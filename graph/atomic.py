"""Atomic writes: a file through a temporary file and a rename; a folder through a fresh
sibling folder swapped in with one rename."""

from __future__ import annotations

import ctypes
import errno
import fcntl
import glob
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write `data` to `path` so that readers (and crashes) never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_RENAME_EXCHANGE = 2


def exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _carry(old: Path, new: Path) -> None:
    """Hard-link (or copy) into `new` every entry of `old` that `new` lacks, so files that are
    not ours (a screenshot beside the exports) survive the switch."""
    for entry in old.iterdir():
        target = new / entry.name
        if target.exists() or target.is_symlink() or ".new-" in entry.name:
            continue
        if entry.is_symlink():
            target.symlink_to(os.readlink(entry))
        elif entry.is_dir():
            shutil.copytree(entry, target, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, target)


def _link_or_copy(source: Path | str, target: Path | str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def _unswappable(target: Path) -> bool:
    """A folder that cannot be swapped: a mount point, or the working directory or one above it
    (the process, and the user's shell, would be left in the old, deleted folder)."""
    if not target.is_dir():
        return False
    here = Path.cwd().resolve()
    return os.path.ismount(target) or target.resolve() == here or target.resolve() in here.parents


@contextmanager
def replaced_dir(target: Path, carry: bool = True) -> Iterator[Path]:
    """A fresh folder beside `target` to fill; when the block ends without error it takes
    `target`'s place in one rename, so readers see the old set of files or the new one, never
    a mix. While filling, a lock on the parent folder makes a second writer wait; folders left
    by killed writers are removed. With `carry`, other files already in `target` are kept.
    A mount point or the working directory is filled in place instead (see `_unswappable`).
    """
    target = Path(os.path.abspath(target))
    if target.is_symlink():
        target = target.resolve()  # swap the folder the link points to, keep the link
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    lock = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.exists() and not target.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a directory", str(target))
        for stale in parent.glob(f".{glob.escape(target.name)}.new-*"):
            shutil.rmtree(stale, ignore_errors=True)
        try:
            fresh = None if _unswappable(target) else Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=parent))
        except PermissionError:  # a writable folder in a read-only one
            fresh = None
        if fresh is None:
            yield target  # each file is still written atomically, the set is not
            return
        try:
            yield fresh
            if target.is_dir() and carry:
                _carry(target, fresh)
            if not target.exists():
                os.rename(fresh, target)
            elif target.is_dir() and exchange(fresh, target):
                pass  # fresh now holds the old content, removed below
            else:  # no atomic exchange: the target is missing for a moment
                aside = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-old-", dir=parent))
                os.rename(target, aside / "old")
                os.rename(fresh, target)
                fresh = aside
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
    finally:
        os.close(lock)
