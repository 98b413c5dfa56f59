"""`site`: a static public site of one commune (the example) or of a network (a folder of
configurations, a network.toml): every page there, links that resolve, nothing fetched,
Arabic right to left, the rates the summary gives, the same bytes from the same input."""

from __future__ import annotations

import itertools
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from municipal_strategy import __name__ as package
from municipal_strategy.cli import cli
from municipal_strategy.cli_site import site
from municipal_strategy.loading import load
from municipal_strategy.report import Report
from municipal_strategy.scoring import evaluate
from municipal_strategy.site.labels import site_keys, site_label
from municipal_strategy.site.layout import Layout, href, translated
from municipal_strategy.site.names import slug, unique_names
from municipal_strategy.testing import plugins_with

from .conftest import DATA, EXAMPLE

LANGS = ("ar", "fr", "en")


# -- reading the pages -----------------------------------------------------------------


#: The elements of HTML that have no end tag.
VOID = frozenset({"br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"})


class Page(HTMLParser):
    """What a test looks at in a page: its elements with their attributes, and texts."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.classes: list[str] = []  # the class of each open element, innermost last
        self.texts: dict[str, list[str]] = {}  # class → texts of elements of that class
        self.feed(text)
        assert not self.classes, "an element is left open"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        self.elements.append((tag, found))
        if tag not in VOID:
            self.classes.append(found.get("class", ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.classes.pop()

    def handle_data(self, data: str) -> None:
        for name in set(self.classes):
            if name:
                self.texts.setdefault(name, []).append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [attributes for name, attributes in self.elements if name == tag]

    def text_of(self, name: str) -> str:
        return "".join(self.texts.get(name, []))


def pages(folder: Path) -> Iterator[tuple[Path, str]]:
    for path in sorted(folder.rglob("*.html")):
        yield path, path.read_text(encoding="utf-8")


def local_target(page: Path, link: str) -> Path | None:
    """The file a relative link of `page` points to (None for a web address or an anchor)."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return (page.parent / unquote(parts.path)).resolve()


def build(runner: CliRunner, source: Path, output: Path, *more: str) -> None:
    result = runner.invoke(site, [str(source), "-o", str(output), *more])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example's site, built once for the module (with its downloads)."""
    output = tmp_path_factory.mktemp("site") / "public"
    with plugins_with():
        build(CliRunner(), EXAMPLE, output)
    return output


def with_evidence(folder: Path) -> Path:
    """Tilila, copied into `folder`, with evidence of every kind of address on t111."""
    copy = folder / "tilila"
    shutil.copytree(DATA / "tilila", copy)
    year = copy / "evaluations" / "2025.toml"
    evidence = "".join(
        f'\n[[assessments.evidence]]\ntitle = "{title}"\nurl = "{url}"\n'
        for title, url in [
            ("Open data portal", "https://data.example.org/tilila?a=1&b=2"),
            ("Plain web page", "http://example.org/tilila"),
            ("Mail the service", "mailto:contact@example.org"),
            ("Run this", "javascript:alert(1)"),
            ("A local file", "file:///etc/passwd"),
            ("An FTP folder", "ftp://files.example.org/tilila"),
            ("A data address", "data:text/html,<b>hi</b>"),
        ]
    )
    evidence += '\n[[assessments.evidence]]\nquote = "Le portail est ouvert depuis mars."\n'
    text = year.read_text(encoding="utf-8").replace(
        "spent = 100000\n", "spent = 100000\n" + evidence, 1
    )
    year.write_text(text, encoding="utf-8")
    return copy


@pytest.fixture(scope="module")
def network_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of two configurations — the example, and Tilila with evidence — and its
    site (without downloads)."""
    root = tmp_path_factory.mktemp("network")
    folder = root / "communes"
    folder.mkdir()
    shutil.copytree(EXAMPLE, folder / "aitmelloul")
    with_evidence(folder)
    output = root / "public"
    with plugins_with():
        build(CliRunner(), folder, output, "--no-downloads")
    return output


# -- the example: one commune ----------------------------------------------------------


def test_every_axis_and_action_has_a_page_in_every_language(example_site: Path) -> None:
    strategy = load(EXAMPLE)
    assert (example_site / "index.html").is_file()
    for lang in LANGS:
        folder = example_site / lang
        assert (folder / "index.html").is_file()
        for axis in strategy.axes:
            assert (folder / "axes" / f"{axis.id}.html").is_file()
        actions = [action.id for _, action in strategy.actions()]
        assert len(actions) == 30
        assert sorted(p.stem for p in (folder / "actions").glob("*.html")) == sorted(actions)


def test_the_report_can_be_downloaded_beside_the_commune_page(example_site: Path) -> None:
    for lang in LANGS:
        downloads = example_site / lang / "downloads"
        files = sorted(p.name for p in downloads.iterdir())
        stem = f"aitmelloul_2022-2022-{lang}"
        assert files == [f"{stem}.csv", f"{stem}.json", f"{stem}.pdf"]
        assert (downloads / f"{stem}.pdf").read_bytes().startswith(b"%PDF-")
        page = Page((example_site / lang / "index.html").read_text(encoding="utf-8"))
        links = [a["href"] for a in page.all("a") if a.get("class") == "download"]
        assert links == [f"downloads/{stem}.{ext}" for ext in ("pdf", "csv", "json")]


def test_links_between_pages_resolve(example_site: Path, network_site: Path) -> None:
    for folder in (example_site, network_site):
        checked = 0
        for path, text in pages(folder):
            page = Page(text)
            ids = {a["id"] for _, a in page.elements if "id" in a}
            for attributes in page.all("a"):
                link = attributes.get("href", "")
                assert link, f"{path}: a link without an address"
                if link.startswith("#"):
                    assert link[1:] in ids, f"{path}: {link} is no element of the page"
                    continue
                target = local_target(path, link)
                if target is None:
                    assert link.startswith(("https://", "http://")), f"{path}: {link}"
                    continue
                assert target.is_file(), f"{path}: {link} leads nowhere"
                assert folder.resolve() in target.parents, f"{path}: {link} leaves the site"
                checked += 1
        assert checked > 100


def test_no_page_fetches_anything(example_site: Path, network_site: Path) -> None:
    for folder in (example_site, network_site):
        for path, text in pages(folder):
            page = Page(text)
            lowered = text.lower()
            assert "<script" not in lowered, path
            assert not page.all("link"), path  # no style sheet, icon, preload…
            assert not page.all("iframe") and not page.all("object") and not page.all("embed")
            for tag, attributes in page.elements:
                source = attributes.get("src")
                assert source is None or source.startswith("data:"), f"{path}: <{tag} src>"
            assert "@import" not in lowered and "url(" not in lowered, path
            policy = [
                m["content"]
                for m in page.all("meta")
                if m.get("http-equiv") == "Content-Security-Policy"
            ]
            assert policy and policy[0].startswith("default-src 'none'"), path


def test_no_page_names_a_path_of_the_computer_that_built_it(
    example_site: Path, network_site: Path
) -> None:
    for folder in (example_site, network_site):
        for path in folder.rglob("*"):
            if path.suffix in (".html", ".json", ".csv"):
                text = path.read_text(encoding="utf-8")
                for root in (str(EXAMPLE), str(DATA), str(folder.parent)):
                    assert root not in text, f"{path} names {root}"
                assert 'href="file:' not in text and 'href="/' not in text, path


def test_arabic_pages_are_right_to_left(example_site: Path) -> None:
    for path, text in pages(example_site):
        html = Page(text).all("html")[0]
        lang = path.relative_to(example_site).parts[0]
        if lang == "ar":
            assert (html["lang"], html["dir"]) == ("ar", "rtl"), path
        elif lang in ("fr", "en"):
            assert (html["lang"], html["dir"]) == (lang, "ltr"), path


def test_the_language_switcher_links_the_same_page_in_the_other_languages(
    example_site: Path,
) -> None:
    for path, text in pages(example_site / "fr"):
        page = Page(text)
        switched = {
            a["hreflang"]: local_target(path, a["href"])
            for a in page.all("a")
            if "hreflang" in a and a.get("class") != "download"
        }
        relative = path.relative_to(example_site / "fr")
        assert switched == {
            "ar": (example_site / "ar" / relative).resolve(),
            "en": (example_site / "en" / relative).resolve(),
        }, path
        assert ("ar", "rtl") in [(a.get("lang"), a.get("dir")) for a in page.all("a")]


def test_the_first_page_offers_each_language(example_site: Path) -> None:
    page = Page((example_site / "index.html").read_text(encoding="utf-8"))
    assert [a["href"] for a in page.all("a")] == [f"{lang}/index.html" for lang in LANGS]
    assert [li.get("lang") for li in page.all("li")] == list(LANGS)


def test_the_commune_page_shows_the_rate_the_summary_gives(example_site: Path) -> None:
    result = evaluate(load(EXAMPLE))
    for lang in LANGS:
        page = Page((example_site / lang / "index.html").read_text(encoding="utf-8"))
        assert page.text_of("rate") == Report.of(result, lang).percent(result.rate)
        assert page.text_of("rate") in ("56%", "56\u202f%")


def test_pages_are_accessible_markup(example_site: Path, network_site: Path) -> None:
    for folder in (example_site, network_site):
        for path, text in pages(folder):
            page = Page(text)
            headings = [
                int(tag[1]) for tag, _ in page.elements if tag in {f"h{n}" for n in range(1, 7)}
            ]
            assert headings[0] == 1 and headings.count(1) == 1, path
            assert all(b <= a + 1 for a, b in itertools.pairwise(headings)), (path, headings)
            assert all(th.get("scope") in ("col", "row") for th in page.all("th")), path
            assert all("alt" in img for img in page.all("img")), path
            assert page.all("main") and page.all("main")[0]["id"] == "main", path
            assert page.all("html")[0].get("lang"), path
            for attributes in page.all("svg"):
                assert attributes.get("aria-hidden") == "true", path
            if path.name != "index.html" or path.parent != folder:
                assert page.all("header") and page.all("nav"), path


def test_print_styles_hide_the_navigation(example_site: Path) -> None:
    text = (example_site / "en" / "actions" / "a01.html").read_text(encoding="utf-8")
    assert "@media print" in text
    assert ".skip, nav.langs, nav.crumbs, nav.pager, footer.site { display: none; }" in text


def test_two_builds_give_the_same_bytes(example_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build(CliRunner(), EXAMPLE, again)
    first = sorted(p.relative_to(example_site) for p in example_site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    for relative in first:
        assert (example_site / relative).read_bytes() == (again / relative).read_bytes(), relative


def test_the_same_site_is_written_over_itself(tmp_path: Path) -> None:
    output = tmp_path / "public"
    build(CliRunner(), DATA / "tilila", output, "--no-downloads")
    before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
    build(CliRunner(), DATA / "tilila", output, "--no-downloads")
    assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
    assert not list(output.rglob("*.part"))


# -- a network ---------------------------------------------------------------------------


def test_a_folder_of_configurations_is_a_network(network_site: Path) -> None:
    for lang in LANGS:
        index = Page((network_site / lang / "index.html").read_text(encoding="utf-8"))
        targets = [a["href"] for a in index.all("a") if a["href"].endswith("/index.html")]
        assert {t.split("/")[-2] for t in targets} - set(LANGS) == {"aitmelloul", "tilila"}
    # Tilila is in French and English only: the Arabic index links to its French page
    assert not (network_site / "ar" / "tilila").exists()
    arabic = Page((network_site / "ar" / "index.html").read_text(encoding="utf-8"))
    assert {"href": "../fr/tilila/index.html", "hreflang": "fr"} in arabic.all("a")
    assert (network_site / "fr" / "tilila" / "actions" / "t111.html").is_file()
    assert (network_site / "ar" / "aitmelloul" / "actions" / "a30.html").is_file()


def test_the_index_gives_each_commune_the_rate_of_its_last_year(network_site: Path) -> None:
    for lang in LANGS:
        page = Page((network_site / lang / "index.html").read_text(encoding="utf-8"))
        shown = page.texts.get("meter", [])
        for config in (EXAMPLE, DATA / "tilila"):
            strategy = load(config)
            result = evaluate(strategy, strategy.years[-1])
            assert Report.of(result, lang).percent(result.rate) in shown


def test_a_network_toml_gives_regions_and_a_title(tmp_path: Path) -> None:
    folder = tmp_path / "network"
    folder.mkdir()
    shutil.copytree(DATA / "tilila", folder / "tilila")
    shutil.copytree(EXAMPLE, folder / "ait-melloul")
    (folder / "network.toml").write_text(
        'title = { fr = "Réseau d\'essai", ar = "شبكة تجريبية", en = "Test network" }\n'
        '[[members]]\npath = "tilila"\nregion = "Souss-Massa"\nprovince = "Tiznit"\n'
        '[[members]]\npath = "ait-melloul"\nregion = "Souss-Massa"\n',
        encoding="utf-8",
    )
    output = tmp_path / "public"
    build(CliRunner(), folder / "network.toml", output, "--no-downloads")
    french = Page((output / "fr" / "index.html").read_text(encoding="utf-8"))
    assert french.text_of("page").strip().startswith("Réseau d'essai")
    arabic = (output / "ar" / "index.html").read_text(encoding="utf-8")
    assert "<h1>شبكة تجريبية</h1>" in arabic
    assert (
        '<h2 id="regions-title">حسب الجهة</h2>\n<h3><span lang="" dir="ltr">Souss-Massa' in arabic
    )
    assert '— <span lang="" dir="ltr">Tiznit</span>' in arabic
    assert (output / "en" / "ait-melloul" / "index.html").is_file()


def test_a_network_member_without_an_evaluation_is_listed_without_a_page(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "communes"
    folder.mkdir()
    shutil.copytree(DATA / "tilila", folder / "tilila")
    (folder / "fresh").mkdir()
    strategy = (DATA / "tilila" / "strategy.toml").read_text(encoding="utf-8")
    (folder / "fresh" / "strategy.toml").write_text(
        strategy.replace('logo = "logo.png"', ""), encoding="utf-8"
    )
    output = tmp_path / "public"
    build(CliRunner(), folder, output, "--no-downloads")
    assert not (output / "fr" / "fresh").exists()
    index = Page((output / "fr" / "index.html").read_text(encoding="utf-8"))
    assert "pas encore d'évaluation" in index.text_of("meter")


def test_evidence_links_only_web_addresses(network_site: Path) -> None:
    page = Page(
        (network_site / "en" / "tilila" / "actions" / "t111.html").read_text(encoding="utf-8")
    )
    web = [a["href"] for a in page.all("a") if a["href"].startswith(("http:", "https:"))]
    assert web == ["https://data.example.org/tilila?a=1&b=2", "http://example.org/tilila"]
    hrefs = [a["href"] for a in page.all("a")]
    for scheme in ("mailto:", "javascript:", "file:", "ftp:", "data:"):
        assert not any(h.lower().startswith(scheme) for h in hrefs), scheme
    text = page.text_of("url")
    assert "mailto:contact@example.org" in text and "file:///etc/passwd" in text
    assert "Le portail est ouvert depuis mars." in page.text_of("quote")


# -- bad input ---------------------------------------------------------------------------


def test_an_output_that_is_a_file_is_refused(tmp_path: Path) -> None:
    output = tmp_path / "public"
    output.write_text("not a folder", encoding="utf-8")
    result = CliRunner().invoke(site, [str(EXAMPLE), "-o", str(output)])
    assert result.exit_code == 2
    assert f"error: cannot write the site into {output}: it is a file" in result.output
    assert "Traceback" not in result.output
    assert output.read_text(encoding="utf-8") == "not a folder"


def test_an_output_below_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = CliRunner().invoke(site, [str(EXAMPLE), "-o", str(blocker / "public")])
    assert result.exit_code == 2
    assert str(blocker) in result.output and "Traceback" not in result.output


def test_invalid_configurations_are_listed_and_nothing_is_written(tmp_path: Path) -> None:
    output = tmp_path / "public"
    result = CliRunner().invoke(site, [str(DATA / "network"), "-o", str(output)])
    assert result.exit_code == 2
    assert "tizi" in result.output and "problem" in result.output
    assert "Traceback" not in result.output
    assert not output.exists()


def test_a_commune_without_an_evaluation_has_nothing_to_publish(tmp_path: Path) -> None:
    config = tmp_path / "strategy.toml"
    text = (DATA / "tilila" / "strategy.toml").read_text(encoding="utf-8")
    config.write_text(text.replace('logo = "logo.png"', ""), encoding="utf-8")
    result = CliRunner().invoke(site, [str(config), "-o", str(tmp_path / "public")])
    assert result.exit_code == 2
    assert "no evaluation yet" in result.output and "Traceback" not in result.output


def test_a_missing_path_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(site, [str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "no such file or directory" in result.output


# -- the command and its parts -----------------------------------------------------------


def test_the_command_runs_from_the_group(tmp_path: Path) -> None:
    cli.add_command(site)
    result = CliRunner().invoke(
        cli, ["site", str(DATA / "tilila"), "-o", str(tmp_path / "o"), "--no-downloads"]
    )
    assert result.exit_code == 0, result.output
    assert "1 commune" in result.output and "languages: fr, en" in result.output


def test_site_help_imports_neither_the_library_nor_pathlib() -> None:
    code = (
        f"import sys\nfrom {package}.cli_site import site\n"
        "try:\n    site(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('\\n'.join(sys.modules))"
    )
    modules = set(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    assert not {"pathlib", f"{package}.site", f"{package}.loading"} & modules


def test_every_site_label_is_in_arabic_french_and_english() -> None:
    for key in site_keys():
        arabic, french, english = (site_label(key, lang, n=2, year=2022) for lang in LANGS)
        assert any("\u0600" <= c <= "\u06ff" for c in arabic), key
        assert french and english and not any("\u0600" <= c <= "\u06ff" for c in french + english)
    assert site_label("kilobytes", "xx", n=3) == "3 KB"  # English where a language has none


def test_file_names_are_safe_and_distinct() -> None:
    assert slug("Aït Melloul / 2022") == "ait-melloul-2022"
    assert slug("أيت ملول") == ""
    names = unique_names(["A1", "a1", "أ", "x/y", "A1"], "action")
    assert names == {"A1": "a1", "a1": "a1-2", "أ": "action-3", "x/y": "x-y"}


def test_links_are_relative_between_pages() -> None:
    layout = Layout(network=True)
    action = layout.action("ar", "tilila", "t111")
    assert action == "ar/tilila/actions/t111.html"
    assert href(action, layout.home("ar")) == "../../index.html"
    assert href(action, layout.axis("ar", "tilila", "t1")) == "../axes/t1.html"
    assert translated(action, "fr") == "fr/tilila/actions/t111.html"
    assert href("index.html", "fr/index.html") == "fr/index.html"
    assert Layout(network=False).commune("en", "x") == "en/index.html"
    assert PurePosixPath(href(action, action)).name == "t111.html"
