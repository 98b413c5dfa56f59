"""-o writes only over a regular file, keeps its permissions, refuses what it must not
replace, and leaves no temporary file behind, even when the process is stopped."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from municipal_strategy.cli import cli
from municipal_strategy.errors import OutputError
from municipal_strategy.output import check_destination, remove_leftovers, write_atomic

from .conftest import EXAMPLE


def report(out: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["report", str(EXAMPLE), "--format", "json", "-o", out])
    return result.exit_code, result.stderr


def test_a_fifo_is_refused_and_left_alone(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, err = report(str(fifo))
    assert code == 2
    assert f"cannot write {fifo}: it is not a regular file (use -o - to write" in err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_device_and_a_directory_are_refused() -> None:
    code, err = report("/dev/null")
    assert code == 2
    assert "cannot write /dev/null: it is not a regular file" in err
    with pytest.raises(OutputError, match="it is a directory"):
        check_destination(Path("/tmp"))


def test_a_symbolic_link_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "real.json"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    code, err = report(str(link))
    assert code == 2
    assert "it is a symbolic link" in err
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "keep"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes read-only files anyway")
def test_a_read_only_file_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text("keep", encoding="utf-8")
    out.chmod(0o444)
    code, err = report(str(out))
    assert code == 2 and "the file is read-only" in err


def test_a_read_only_file_is_refused_by_the_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "r.json"
    out.write_text("keep", encoding="utf-8")
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != out)
    with pytest.raises(OutputError, match="the file is read-only"):
        check_destination(out)


def test_a_missing_directory_is_named(tmp_path: Path) -> None:
    code, err = report(str(tmp_path / "nowhere" / "r.json"))
    assert code == 2
    assert f"no such directory {tmp_path / 'nowhere'}" in err


def test_an_existing_file_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    code, err = report(str(out))
    assert code == 0, err
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8").startswith("{")


def test_a_failed_write_leaves_the_old_file_and_no_part(tmp_path: Path) -> None:
    out = tmp_path / "r.bin"
    out.write_bytes(b"old")

    def fail(stream: object) -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_atomic(out, fail)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.bin"]


def test_leftovers_of_a_killed_write_are_removed_by_the_next(tmp_path: Path) -> None:
    dead = tmp_path / ".r.json.999999999.abcd1234.part"  # a pid no process has
    dead.write_bytes(b"half")
    old = tmp_path / ".r.json.1.efgh5678.part"
    old.write_bytes(b"half")
    os.utime(old, (time.time() - 7200, time.time() - 7200))
    other = tmp_path / ".other.json.999999999.ijkl9012.part"
    other.write_bytes(b"not mine")
    remove_leftovers(tmp_path, "r.json")
    assert not dead.exists() and not old.exists()
    assert other.exists()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_stopped_write_removes_its_temporary_file(tmp_path: Path, signum: int) -> None:
    out = tmp_path / "r.bin"
    script = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from municipal_strategy.output import write_atomic\n"
        "def slow(stream):\n"
        "    stream.write(b'x'); stream.flush(); print('writing', flush=True); time.sleep(30)\n"
        f"write_atomic(Path({str(out)!r}), slow)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "writing"
    assert [p.suffix for p in tmp_path.iterdir()] == [".part"]
    process.send_signal(signum)
    process.wait(timeout=10)
    assert process.returncode == -signum
    assert list(tmp_path.iterdir()) == []
