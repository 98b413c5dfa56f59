"""The shipped Aït Melloul 2022 example reproduces the report, from the report's words."""

from __future__ import annotations

import json

import attrs
import pytest
from click.testing import CliRunner

from municipal_strategy import PartialDate, Strategy, evaluate, load
from municipal_strategy.build import build_document
from municipal_strategy.cli import cli
from municipal_strategy.document import Document, Paragraph, Quote, Section

from .conftest import EXAMPLE

SOURCE = EXAMPLE / "source" / "report-2022.ar.txt"
LANGUAGES = ("ar", "fr", "en")


@pytest.fixture(scope="module")
def strategy() -> Strategy:
    return load(EXAMPLE)


@pytest.fixture(scope="module")
def documents(strategy: Strategy) -> dict[str, Document]:
    """The report as `report` prints it, in each language of the example."""
    result = evaluate(strategy)
    return {lang: build_document(result, lang) for lang in LANGUAGES}


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_evaluate_json_gives_the_reports_headline() -> None:
    result = CliRunner().invoke(cli, ["evaluate", str(EXAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["implementation_rate"] == 0.56
    assert data["counted_actions"] == 25
    assert [e["id"] for e in data["excluded_actions"]] == ["a19", "a20", "a21", "a22", "a23"]
    assert all("أمازيغية" in e["reason"] for e in data["excluded_actions"])  # default: Arabic
    assert len(data["axes"]) == 5
    assert data["axes"][2]["implementation_rate"] is None  # the Amazigh axis is all excluded
    assert data["rate_with_excluded"] is None  # actions 19–23 were not assessed in 2022


def test_the_rate_comes_from_the_statuses(strategy: Strategy) -> None:
    """Change one status and the headline moves: nothing holds the figure but the data."""
    result = evaluate(strategy)
    assert result.status_counts["implemented"] == 14
    assert len(result.counted) == 25
    assert result.rate == pytest.approx(14 / 25)
    (evaluation,) = strategy.evaluations
    first_implemented = next(a for a in evaluation.assessments if a.status == "implemented")
    changed = tuple(
        attrs.evolve(a, status="in_progress") if a is first_implemented else a
        for a in evaluation.assessments
    )
    edited = attrs.evolve(strategy, evaluations=(attrs.evolve(evaluation, assessments=changed),))
    assert evaluate(edited).rate == pytest.approx(13 / 25)


def test_structure_of_the_strategy(strategy: Strategy) -> None:
    assert [(a.code, len(a.actions)) for a in strategy.axes] == [
        ("1", 7),
        ("2", 11),
        ("3", 5),
        ("4", 4),
        ("5", 3),
    ]
    assert [action.code for _, action in strategy.actions()] == [str(n) for n in range(1, 31)]
    for _, action in strategy.actions():
        assert {"ar", "fr", "en"} <= set(action.title.languages), action.id
    assert "zgh" in strategy.commune.languages
    assert strategy.period.start == 2021
    assert strategy.period.end == 2027


def test_every_status_rests_on_a_verbatim_quote_of_the_report(strategy: Strategy) -> None:
    source = _squash(SOURCE.read_text(encoding="utf-8"))
    (evaluation,) = strategy.evaluations
    assert len(evaluation.assessments) == 30
    for assessment in evaluation.assessments:
        quotes = [e.quote for e in assessment.evidence if e.quote]
        assert quotes, f"{assessment.action} has no quoted evidence"
        for quote in quotes:
            assert _squash(quote) in source, f"{assessment.action}: not in the report: {quote}"
        for measurement in assessment.measurements:
            assert measurement.source is not None, (assessment.action, measurement.indicator)
            assert _squash(measurement.source) in source, (assessment.action, measurement.source)
        if assessment.status is not None:
            assert assessment.justification is not None, assessment.action
            assert set(LANGUAGES) <= set(assessment.justification.languages), assessment.action


def test_the_printed_quotes_are_the_reports_words(documents: dict[str, Document]) -> None:
    source = _squash(SOURCE.read_text(encoding="utf-8"))
    for document in documents.values():
        quotes = [b.words.text for b in document.walk() if isinstance(b, Quote)]
        assert len(quotes) >= 30
        assert all(_squash(quote) in source for quote in quotes)


#: Words of a commentary on the document, which a report the council tables does not use.
COMMENTARY = (
    "يذكر التقرير",
    "يقول التقرير",
    "حسب التقرير",
    "the report says",
    "report states",
    "the report does not",
    "le rapport indique",
    "rapport indique",
    "le rapport dit",
    "le rapport ne",
    "sentence",
    "la phrase",
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_printed_text_comments_on_the_document(
    documents: dict[str, Document], lang: str
) -> None:
    """Justifications, notes, achievements, activities, measurements: everything the report
    shows states what was done and what remains, not what the source says."""
    texts = [w.text for w in documents[lang].texts()]
    assert len(texts) > 500
    for text in texts:
        for words in COMMENTARY:
            assert words not in text.lower(), (lang, words, text)


def test_no_field_that_exports_print_comments_on_the_document(strategy: Strategy) -> None:
    """Other exports (data package, spreadsheet) also print notes of activities and
    measurements: they too hold plain statements, the remarks are editor notes."""
    (evaluation,) = strategy.evaluations
    for a in evaluation.assessments:
        texts = [a.justification, *a.achievements, *a.constraints, *a.next_steps, *a.notes]
        texts += [x for act in a.activities for x in (act.title, act.organiser, act.audience)]
        texts += [act.note for act in a.activities] + [m.note for m in a.measurements]
        for text in texts:
            if text is None:
                continue
            for lang in LANGUAGES:
                shown = text.get(lang).lower()
                assert not any(words in shown for words in COMMENTARY), (a.action, shown)


def test_editor_notes_stay_in_the_data(strategy: Strategy, documents: dict[str, Document]) -> None:
    """How the source was read and its slips are kept, in every language, never printed."""
    (evaluation,) = strategy.evaluations
    notes = [(a.action, n) for a in evaluation.assessments for n in a.editor_notes]
    assert len(notes) >= 20
    assert {"a01", "a18", "a25", "a26"} <= {action for action, _ in notes}
    every = " ".join(note.get(lang) for _, note in notes for lang in LANGUAGES)
    for slip in ("203/07/2022", "31 دجنبر 2023", "40.000 ألف", "أكتبور"):
        assert slip in every, slip
    for lang, document in documents.items():
        shown = "\n".join(w.text for w in document.texts())
        for action, note in notes:
            assert set(LANGUAGES) <= set(note.languages), action
            assert note.get(lang) not in shown, (lang, action, note.get(lang))


def _section(document: Document, kind: str) -> Section:
    (section,) = [b for b in document.sections if b.kind == kind]
    return section


@pytest.mark.parametrize("kind", ["introduction", "conclusion"])
def test_the_reports_introduction_and_conclusion_are_printed(
    strategy: Strategy, documents: dict[str, Document], kind: str
) -> None:
    """The report's own «تقديم» and «خاتمة», whole: the Arabic verbatim, with translations."""
    source = _squash(SOURCE.read_text(encoding="utf-8"))
    (evaluation,) = strategy.evaluations
    text = getattr(evaluation, kind)
    assert text is not None
    assert set(LANGUAGES) <= set(text.languages)
    arabic = _squash(text.get("ar"))
    assert arabic in source
    heading = {"introduction": "تقديم:", "conclusion": "خاتمة:"}[kind]
    following = {"introduction": "المحور الأول:", "conclusion": "المرفقات:"}[kind]
    whole = source.split(heading, 1)[1].split(following, 1)[0]
    assert arabic == _squash(whole)
    for lang, document in documents.items():
        paragraphs = [b.text for b in _section(document, kind).walk() if isinstance(b, Paragraph)]
        assert text.get(lang) in paragraphs, lang
    if kind == "conclusion":
        assert all("56" in text.get(lang) for lang in LANGUAGES)  # the report's headline
    assert not evaluation.recommendations  # the report states none
    assert evaluation.signoff is None  # nor a sign-off


@pytest.mark.parametrize("lang", LANGUAGES)
def test_evidence_cites_the_report_by_its_title(
    strategy: Strategy, documents: dict[str, Document], lang: str
) -> None:
    (evaluation,) = strategy.evaluations
    title = evaluation.documents["source/report-2022.ar.txt"].get(lang)
    # Citations read in the report's language: «…، الإجراء 01», "…, action 01".
    comma, action = ("، ", "الإجراء") if lang == "ar" else (", ", "action")
    citations = [
        b.citation.text for b in documents[lang].walk() if isinstance(b, Quote) and b.citation
    ]
    assert len(citations) >= 30
    for citation in citations:
        assert "source/" not in citation and ".txt" not in citation, citation
        assert citation.startswith(f"{title}{comma}{action}"), citation
    assert f"{title}{comma}{action} 01" in citations
    shown = "\n".join(w.text for w in documents[lang].texts())
    assert "source/" not in shown and "report-2022" not in shown


def test_the_amazigh_actions_are_unassessed_not_zero(strategy: Strategy) -> None:
    result = evaluate(strategy)
    amazigh = [r for r in result.actions if r.axis.id == "amazigh"]
    assert [r.action.code for r in amazigh] == ["19", "20", "21", "22", "23"]
    assert all(r.excluded and not r.assessed and r.weight is None for r in amazigh)


def _measurements(strategy: Strategy) -> dict[tuple[str, str], float]:
    (evaluation,) = strategy.evaluations
    return {
        (a.action, m.indicator): m.value for a in evaluation.assessments for m in a.measurements
    }


@pytest.mark.parametrize(
    ("action", "value"),
    [
        ("a01", 4),
        ("a01", 73),
        ("a01", 50),  # committee meetings; requests in all, in 2022
        ("a02", 25),
        ("a02", 15),
        ("a02", 10),
        ("a02", 39),
        ("a02", 8),
        ("a02", 3),
        ("a03", 16),
        ("a07", 10),
        ("a18", 338_558),
        ("a18", 40_000),
        ("a25", 30),
    ],
)
def test_the_reports_figures_are_measurements(
    strategy: Strategy, action: str, value: float
) -> None:
    assert value in [v for (a, _), v in _measurements(strategy).items() if a == action]


def test_targets_of_four_a_year(strategy: Strategy) -> None:
    actions = {action.id: action for _, action in strategy.actions()}
    for action_id in ("a04", "a11"):
        (indicator,) = actions[action_id].indicators
        assert indicator.target_for(2023) == 4


def _activities(strategy: Strategy, action: str):  # type: ignore[no-untyped-def]
    (evaluation,) = strategy.evaluations
    assessment = evaluation.assessment(action)
    assert assessment is not None
    return assessment.activities


@pytest.mark.parametrize(
    ("action", "date"),
    [
        ("a01", PartialDate(2022, 3, 14)),
        ("a08", PartialDate(2022, 3, 24)),
        ("a03", PartialDate(2022, 3, 4)),
        ("a03", PartialDate(2022, 10, 26)),
        ("a26", PartialDate(2022, 3, 26)),
        ("a18", PartialDate(2023, 1, 20)),
    ],
)
def test_dated_facts_are_activities(strategy: Strategy, action: str, date: PartialDate) -> None:
    assert date in [a.date for a in _activities(strategy, action)]


def test_the_two_training_tables_are_activities(strategy: Strategy) -> None:
    trainings = [a for a in _activities(strategy, "a25") if a.kind == "training"]
    assert len(trainings) == 12  # 9 staff sessions, 3 for elected members
    dated = [a for a in trainings if a.date is not None]
    assert len(dated) == 10
    ranged = next(a for a in trainings if a.date == PartialDate(2022, 5, 9))
    assert ranged.end == PartialDate(2022, 5, 13)
    slip = next(a for a in trainings if a.date == PartialDate(2022, 7))
    assert slip.note is None  # how the date was read is an editor's note, not printed
    (evaluation,) = strategy.evaluations
    assessment = evaluation.assessment("a25")
    assert assessment is not None
    assert any("203/07/2022" in note.get("en") for note in assessment.editor_notes)


def test_the_example_readme_explains_adapting_it() -> None:
    text = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    assert "municipal-strategy validate" in text
    assert "evaluations/" in text
    assert "editor_notes" in text
