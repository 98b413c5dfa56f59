"""The PDF text layout: lines fit, left-to-right runs keep their order in Arabic lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF
from hypothesis import given, settings
from hypothesis import strategies as st

from municipal_strategy.cli import cli
from municipal_strategy.pdf.flow import LRI, LRM, PDI, Block, Flow, Style, direction_of, isolate_ltr
from municipal_strategy.pdf.fonts import BUNDLED, FontSet
from municipal_strategy.testing import plugins_with

from .conftest import EXAMPLE


@pytest.fixture(scope="module")
def flow() -> Flow:
    pdf = FPDF()
    FontSet.bundled().register(pdf)
    pdf.add_page()
    return Flow(pdf)


def iso(run: str) -> str:
    return LRI + LRM + run + LRM + PDI


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("الفترة: 2021–2027", f"الفترة: {iso('2021–2027')}"),
        ("نسبة 56% من 25", f"نسبة {iso('56%')} من {iso('25')}"),
        ("منصة chafafya.ma بتاريخ 14 مارس", f"منصة {iso('chafafya.ma')} بتاريخ {iso('14')} مارس"),
        ("بصبيب fibre optique ،", f"بصبيب {iso('fibre optique')} ،"),
        ("(IMPACT) للتنمية", f"({iso('IMPACT')}) للتنمية"),
        ("09/05/2022 – 13/05/2022", iso("09/05/2022 – 13/05/2022")),
        ("نص عربي فقط.", "نص عربي فقط."),
    ],
)
def test_left_to_right_runs_are_isolated(line: str, expected: str) -> None:
    assert isolate_ltr(line) == expected


@pytest.mark.parametrize(
    ("text", "direction"),
    [
        ("جماعة Aït", "rtl"),
        ("Commune جماعة", "ltr"),
        ("2022 جماعة", "rtl"),
        ("ⵜⴰⵎⴰⵣⵉⵖⵜ", "ltr"),
        ("", "ltr"),
    ],
)
def test_direction_comes_from_the_first_strong_character(text: str, direction: str) -> None:
    assert direction_of(text) == direction


def test_blocks_pick_the_face_for_the_language() -> None:
    style = Style()
    assert Block.of("ⵜⴰⵎⴰⵣⵉⵖⵜ", style, "zgh").family == "tifinagh"
    assert Block.of("ⵜⴰⵎⴰⵣⵉⵖⵜ", style).family == "tifinagh"
    assert (Block.of("نص", style).family, Block.of("نص", style).direction) == ("arabic", "rtl")
    assert Block.of("texte", style, "fr").align == "L"
    assert Block.of("نص", style, "ar").align == "R"


words = st.text(
    st.sampled_from("ابتثجحخدذرزسشصضطظعغفقكلمنهوي0123456789abcdefghijklmnop%.-"),
    min_size=1,
    max_size=18,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(words, min_size=1, max_size=40), st.floats(20, 120), st.booleans())
def test_every_line_fits_and_no_word_is_lost(
    flow: Flow, parts: list[str], width: float, arabic: bool
) -> None:
    block = Block("arabic" if arabic else "latin", "rtl" if arabic else "ltr", Style(9))
    text = " ".join(parts)
    lines = flow.wrap(text, block, width)
    for line in lines:
        measured = sum(flow.width(w, block) for w in line.split()) + flow.width(
            " ", block
        ) * line.count(" ")
        assert measured <= width + 1e-6
    assert "".join("".join(lines).split()) == "".join(text.split())


def test_a_word_wider_than_the_line_is_cut(flow: Flow) -> None:
    block = Block("latin", "ltr", Style(9))
    lines = flow.wrap("https://www.aitmelloul.ma/a/very/long/address/indeed", block, 15)
    assert len(lines) > 1
    assert "".join(lines) == "https://www.aitmelloul.ma/a/very/long/address/indeed"


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
