"""Writing outputs atomically: a reader sees the old file or the new one, never a part.

An output goes only over a regular file (or creates one): a device, a FIFO, a directory, a
symbolic link or a file the user cannot write is refused with the reason, and an existing
file keeps its permissions. The temporary file beside the output is removed when the
write fails, when the process is stopped by SIGTERM or SIGHUP, and — for one a SIGKILL
left behind — by the next write into the same folder.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import FrameType
from typing import IO

from .errors import OutputError

#: Temporary files are named ``.NAME.XXXXXXXX.part``; one older than this is a leftover.
PART_SUFFIX = ".part"
STALE_SECONDS = 3600.0


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_destination(path: Path) -> int | None:
    """The permission bits to give `path` (those of the file there, else None for the
    default), or `OutputError` when `path` is not somewhere a report can be written."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    if info is None:
        folder = path.parent
        if not folder.is_dir():
            raise OutputError(f"cannot write {path}: no such directory {folder}")
        if not os.access(folder, os.W_OK):
            raise OutputError(f"cannot write {path}: the directory {folder} is not writable")
        return None
    if stat.S_ISLNK(info.st_mode):
        raise OutputError(f"cannot write {path}: it is a symbolic link (give the file itself)")
    if not stat.S_ISREG(info.st_mode):
        kind = "a directory" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise OutputError(
            f"cannot write {path}: it is {kind} (use -o - to write to standard output)"
        )
    if not os.access(path, os.W_OK):
        raise OutputError(f"cannot write {path}: the file is read-only")
    if not os.access(path.parent, os.W_OK):
        raise OutputError(f"cannot write {path}: its directory is not writable")
    return stat.S_IMODE(info.st_mode)


def is_one_of(path: Path, files: Iterable[Path]) -> bool:
    """Whether `path` is one of `files` (what an output must not be written over): the same
    file, by device and inode, so that a link to one is one too; a path that does not
    exist is none of them."""
    try:
        target = path.stat()
    except OSError:
        return False
    for file in files:
        try:
            found = os.stat(file)
        except OSError:
            continue
        if (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino):
            return True
    return False


def remove_leftovers(folder: Path, name: str) -> None:
    """Remove temporary files an interrupted write of `name` left in `folder`."""
    now = time.time()
    with contextlib.suppress(OSError):
        for leftover in folder.glob(f".{name}.*{PART_SUFFIX}"):
            with contextlib.suppress(OSError):
                if now - leftover.lstat().st_mtime > STALE_SECONDS or not _alive(leftover):
                    leftover.unlink()


def _alive(part: Path) -> bool:
    """Whether the process that writes `part` still runs (its pid is in the name)."""
    pid = part.name.removesuffix(PART_SUFFIX).rsplit(".", 2)[-2]
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


@contextlib.contextmanager
def _removed_on_signals(path: Path) -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP remove `path` before the process ends."""

    def handler(signum: int, frame: FrameType | None) -> None:
        with contextlib.suppress(OSError):
            path.unlink()
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    previous = {}
    try:
        for signum in (signal.SIGTERM, signal.SIGHUP):
            previous[signum] = signal.signal(signum, handler)
    except ValueError:  # not the main thread: no handler can be set there
        pass
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def write_atomic(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Call `write` on a temporary file beside `path`, then move it over `path`.

    If `write` raises, the temporary file is removed and `path` is left as it was.
    """
    mode = check_destination(path)
    remove_leftovers(path.parent, path.name)
    prefix = f".{path.name}.{os.getpid()}."
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=prefix, suffix=PART_SUFFIX)
    part = Path(temporary)
    try:
        with _removed_on_signals(part):
            with os.fdopen(fd, "wb") as stream:
                write(stream)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(part, mode if mode is not None else 0o666 & ~_umask())
            os.replace(part, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            part.unlink()
        raise


def write_output(path: Path | None, write: Callable[[IO[bytes]], object]) -> None:
    """`write` to the file at `path` atomically, or to standard output when `path` is None;
    either way nothing is written unless `write` finishes."""
    if path is not None:
        write_atomic(path, write)
        return
    buffer = io.BytesIO()
    write(buffer)
    sys.stdout.buffer.write(buffer.getvalue())
    sys.stdout.flush()
