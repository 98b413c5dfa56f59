"""The PDF text layout: the visual order of mixed lines, lines that fit, every word kept,
and faces chosen per script."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from municipal_strategy.cli import cli
from municipal_strategy.document import Words
from municipal_strategy.pdf.bidi import levels, visual_order
from municipal_strategy.pdf.fonts import BUNDLED, FontSet
from municipal_strategy.pdf.page import ReportPDF
from municipal_strategy.pdf.shaping import Run
from municipal_strategy.pdf.text import Style, Text, split
from municipal_strategy.testing import plugins_with

from .conftest import EXAMPLE


@pytest.fixture(scope="module")
def pdf() -> ReportPDF:
    made = ReportPDF(FontSet.bundled(), "ar", True)
    made.add_page()
    return made


def visual(text: str, rtl: bool) -> str:
    """The characters of `text` in the order they stand on the page, each run of one
    level kept in logical order (as it is handed to the shaper)."""
    found = levels(text, rtl)
    runs: list[tuple[str, int]] = []
    for char, level in zip(text, found, strict=True):
        if runs and runs[-1][1] == level:
            runs[-1] = (runs[-1][0] + char, level)
        else:
            runs.append((char, level))
    return "|".join(runs[i][0] for i in visual_order([level for _, level in runs]))


@pytest.mark.parametrize(
    ("line", "rtl", "expected"),
    [
        # Left-to-right runs keep their order inside Arabic, ranges and dates whole.
        ("الفترة: 2021–2027", True, "2021–2027|الفترة: "),
        ("نسبة 56% من 25", True, "25| من |56%|نسبة "),
        ("منصة chafafya.ma بتاريخ", True, " بتاريخ|chafafya.ma|منصة "),
        ("بصبيب fibre optique ،", True, " ،|fibre optique|بصبيب "),
        ("(IMPACT) للتنمية", True, ") للتنمية|IMPACT|("),
        ("Commune (fictive) — تقييم", True, " — تقييم|Commune (fictive)"),
        ("رقم x (y [z]) هنا", True, " هنا|x (y [z])|رقم "),
        ("09/05/2022 – 13/05/2022", True, "09/05/2022 – 13/05/2022"),
        ("نص عربي فقط.", True, "نص عربي فقط."),
        # Arabic inside a left-to-right line reads right to left, its numbers in order.
        ("Période : جماعة أيت 2022 et", False, "Période : |2022|جماعة أيت | et"),
        ("Plain French 2022.", False, "Plain French 2022."),
    ],
)
def test_mixed_lines_stand_in_reading_order(line: str, rtl: bool, expected: str) -> None:
    assert visual(line, rtl) == expected


@given(st.lists(st.integers(0, 3), max_size=30))
def test_visual_order_is_a_permutation_that_keeps_single_levels(found: list[int]) -> None:
    order = visual_order(found)
    assert sorted(order) == list(range(len(found)))
    if len(set(found)) == 1 and found and found[0] % 2 == 0:
        assert order == list(range(len(found)))


def test_runs_split_into_words_across_runs_and_at_line_breaks() -> None:
    runs = [Run("Label: ", "latin"), Run("قيمة", "arabic"), Run("x\ny z", "latin")]
    words = split(runs)
    assert words == [
        (Run("Label:", "latin"),),
        (Run("قيمة", "arabic"), Run("x", "latin")),
        None,
        (Run("y", "latin"),),
        (Run("z", "latin"),),
    ]
    assert split([Run("a\u00a0b", "latin")]) == [(Run("a\u00a0b", "latin"),)]


def test_faces_follow_the_script_and_fall_back_for_what_a_face_lacks(pdf: ReportPDF) -> None:
    shaper = pdf.setter.shaper
    arabic, latin = shaper.faces["arabic", False], shaper.faces["latin", False]
    tifinagh = shaper.faces["tifinagh", False]
    assert shaper.face_of("ب", "latin", False)[0] is arabic
    assert shaper.face_of("b", "arabic", False)[0] is latin
    assert shaper.face_of("(", "arabic", False)[0] is latin  # Naskh has no parenthesis
    assert shaper.face_of("2", "arabic", False)[0] is arabic  # but it has digits
    assert shaper.face_of("ⵜ", "latin", False)[0] is tifinagh
    assert shaper.faces["tifinagh", True] is tifinagh  # no bold face: the regular one


words = st.text(
    st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهويّ0123456789abcdefghijklmnop%.-()"),
    min_size=1,
    max_size=18,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=40), st.floats(20, 120), st.booleans())
def test_every_line_fits_and_no_word_is_lost(
    pdf: ReportPDF, parts: list[str], width: float, rtl: bool
) -> None:
    setter, style = pdf.setter, Style(9)
    text = Text.of([Words(" ".join(parts), "ar" if rtl else "en")])
    lines = setter.wrap(text, style, width)
    # A line is broken from its words measured one by one; set together on the page, a
    # word of mixed directions is shaped with its neighbours, and kerning may add a hair.
    kerning = 0.05 * style.size * 0.3528
    for line in lines:
        assert setter.line_width(line, style, rtl) <= width + kerning
        left, drawn = setter.draw(line, style, rtl, 10, 10, width, "R")
        assert drawn == pytest.approx(setter.line_width(line, style, rtl))
        assert left + drawn == pytest.approx(10 + width)
    shown = "".join(run.text for line in lines for word in line for run in word)
    assert shown == "".join(text.plain.split())


@settings(max_examples=30, deadline=None)
@given(words, st.floats(2, 15))
def test_a_word_wider_than_the_line_is_cut(pdf: ReportPDF, word: str, width: float) -> None:
    setter, style = pdf.setter, Style(9)
    text = Text.of([Words(word, "en")])
    assume(len(word) > 1)
    assume(setter.line_width(setter.wrap(text, style, 1000)[0], style, False) > width)
    lines = setter.wrap(text, style, width)
    assert len(lines) > 1
    assert "".join(run.text for line in lines for w in line for run in w) == word
    # Every piece fits, unless it is a single character wider than the line.
    for line in lines:
        chars = sum(len(run.text) for w in line for run in w)
        assert setter.line_width(line, style, False) <= width + 1e-6 or chars == 1


def test_fonts_can_be_replaced_or_refused(tmp_path: Path) -> None:
    runner = CliRunner()
    arabic = Path(str(FontSet.bundled().files["arabic"]))
    out = tmp_path / "r.pdf"
    with plugins_with():
        done = runner.invoke(
            cli, ["report", str(EXAMPLE), "-o", str(out), "--font", f"arabic={arabic}"]
        )
        assert done.exit_code == 0, done.output
        assert out.read_bytes().startswith(b"%PDF")
        for bad, message in [
            ("serif=x.ttf", "unknown font role 'serif'"),
            ("arabic=missing.ttf", "font file not found: missing.ttf"),
            ("arabic", "expected ROLE=FILE"),
        ]:
            result = runner.invoke(
                cli, ["report", str(EXAMPLE), "-o", str(tmp_path / "x.pdf"), "--font", bad]
            )
            assert result.exit_code == 2, result.output
            assert message in result.stderr
            assert not (tmp_path / "x.pdf").exists()
    assert set(BUNDLED) == {"arabic", "arabic-bold", "latin", "latin-bold", "tifinagh"}


line_words = st.lists(
    st.text(st.sampled_from("ابت ثج0123456789abc%.-()،«»"), min_size=1, max_size=8).filter(
        lambda w: w.strip() == w and " " not in w
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=200, deadline=None)
@given(line_words, st.booleans())
def test_a_line_put_together_from_its_words_stands_as_its_characters_would(
    pdf: ReportPDF, parts: list[str], rtl: bool
) -> None:
    """The quick way (from the words as measured) and the long way (every character's
    level found on the whole line) give the same glyphs in the same order."""
    shaper = pdf.setter.shaper
    text = Text.of([Words(" ".join(parts), "ar" if rtl else "en")])
    line = tuple(word for word in text.words if word is not None)
    quick = shaper.segments(line, False, rtl)
    slow = shaper._segments_of_line(line, False, rtl)
    assert [(s.face, s.pieces) for s in quick] == [(s.face, s.pieces) for s in slow]
