"""Writing outputs atomically: a reader sees the old file or the new one, never a part."""

from __future__ import annotations

import contextlib
import io
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    """Call `write` on a temporary file beside `path`, then move it over `path`.

    If `write` raises, the temporary file is removed and `path` is left as it was.
    """
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
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
