"""The monitoring sheet as CSV: UTF-8 with a byte-order mark, one row per action, texts
that a spreadsheet would run as formulas kept as text (`sheet.inert`)."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path
from typing import IO

from ..errors import ConfigError, Problem
from ..hookspecs import hookimpl
from ..plugins import RegisterSheetFormat, SheetFormat
from ..sheet import Sheet, inert


def write(sheet: Sheet, stream: IO[bytes]) -> None:
    text = io.StringIO(newline="")
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(sheet.mark)
    writer.writerow(sheet.header)
    writer.writerows([inert(cell) for cell in row] for row in sheet.rows)
    stream.write(text.getvalue().encode("utf-8-sig"))


def read(path: Path) -> list[list[str]]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(
            [Problem(path, "", f"not UTF-8 text ({exc.reason}); save it as CSV UTF-8")]
        ) from None
    except OSError as exc:
        raise ConfigError([Problem(path, "", f"cannot be read ({exc.strerror})")]) from None
    limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        return list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise ConfigError([Problem(path, "", f"not a readable CSV sheet: {exc}")]) from None
    finally:
        csv.field_size_limit(limit)


@hookimpl
def register_sheet_formats(register: RegisterSheetFormat) -> None:
    register(
        SheetFormat(
            name="csv",
            extension=".csv",
            description="The monitoring sheet as CSV (UTF-8), for any spreadsheet.",
            write=write,
            read=read,
        )
    )
