"""The bundled OFL fonts, and which face sets which script."""

from __future__ import annotations

from collections.abc import Mapping
from importlib import resources
from pathlib import Path

import attrs
from fpdf import FPDF

from ..errors import PluginError

#: Font roles a user may replace (``--font ROLE=PATH``), and the bundled file of each.
BUNDLED = {
    "arabic": "NotoNaskhArabic-Regular.ttf",
    "arabic-bold": "NotoNaskhArabic-Bold.ttf",
    "latin": "NotoSans-Regular.ttf",
    "latin-bold": "NotoSans-Bold.ttf",
    "tifinagh": "NotoSansTifinagh-Regular.ttf",
}

#: The fpdf2 family for each script, and what it falls back to for missing glyphs.
FAMILIES = ("arabic", "latin", "tifinagh")
FALLBACKS = {
    "arabic": ["latin", "tifinagh"],
    "latin": ["arabic", "tifinagh"],
    "tifinagh": ["latin", "arabic"],
}


@attrs.frozen
class FontSet:
    """A file for each font role."""

    files: Mapping[str, Path]

    @classmethod
    def bundled(cls, overrides: Mapping[str, Path] | None = None) -> FontSet:
        folder = resources.files("municipal_strategy") / "fonts"
        files = {role: Path(str(folder / name)) for role, name in BUNDLED.items()}
        for role, path in (overrides or {}).items():
            if role not in BUNDLED:
                raise PluginError(
                    f"unknown font role {role!r} (expected one of: {', '.join(BUNDLED)})"
                )
            if not path.is_file():
                raise PluginError(f"font file not found: {path}")
            files[role] = path
        return cls(files)

    def register(self, pdf: FPDF) -> None:
        """Add the faces to `pdf` as the families arabic, latin and tifinagh (regular and
        bold; Tifinagh has no bold face, so only its regular one)."""
        pdf.add_font("arabic", "", self.files["arabic"])
        pdf.add_font("arabic", "B", self.files["arabic-bold"])
        pdf.add_font("latin", "", self.files["latin"])
        pdf.add_font("latin", "B", self.files["latin-bold"])
        pdf.add_font("tifinagh", "", self.files["tifinagh"])

    @staticmethod
    def keys() -> dict[tuple[str, bool], str]:
        """fpdf2's key of the face for each family, regular and bold."""
        return {
            ("arabic", False): "arabic",
            ("arabic", True): "arabicB",
            ("latin", False): "latin",
            ("latin", True): "latinB",
            ("tifinagh", False): "tifinagh",
            ("tifinagh", True): "tifinagh",
        }
