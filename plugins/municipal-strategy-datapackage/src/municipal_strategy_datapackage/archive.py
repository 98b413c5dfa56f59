"""A deterministic ZIP: the same files give the same bytes, on any machine and any day.

Entries are sorted by name, each stamped with one given time (not the clock), the same
permissions and the same compression; no extra fields, no comment.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Mapping

#: The range a ZIP entry's MS-DOS date can hold.
_ZIP_YEARS = (1980, 2107)
_FILE_MODE = 0o100644  # a regular file, rw-r--r--
_UNIX = 3


def zip_time(iso: str) -> tuple[int, int, int, int, int, int]:
    """The ZIP date_time of an ISO 8601 UTC time ('2023-02-01T00:00:00Z'), clamped to the
    years a ZIP can hold (1980-2107), to even seconds as MS-DOS time counts them."""
    moment = dt.datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ")
    if moment.year < _ZIP_YEARS[0]:
        return (_ZIP_YEARS[0], 1, 1, 0, 0, 0)
    if moment.year > _ZIP_YEARS[1]:
        return (_ZIP_YEARS[1], 12, 31, 23, 59, 58)
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def zip_bytes(files: Mapping[str, bytes], date_time: tuple[int, int, int, int, int, int]) -> bytes:
    """A ZIP archive of `files` (name → content), deflated, entries in name order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = _FILE_MODE << 16
            archive.writestr(info, files[name], compresslevel=9)
    return buffer.getvalue()
