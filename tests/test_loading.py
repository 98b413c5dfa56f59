"""Loading a configuration: the happy path and one test per kind of problem, each asserting
that the message names the file and the place."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from municipal_strategy import ConfigError, Problem, Text, load
from municipal_strategy.loading import read_toml

Write = Callable[..., Path]


def problems(path: Path) -> list[Problem]:
    with pytest.raises(ConfigError) as info:
        load(path)
    assert info.value.problems, "a ConfigError always carries its problems"
    return list(info.value.problems)


def only_problem(path: Path) -> Problem:
    found = problems(path)
    assert len(found) == 1, found
    return found[0]


def test_minimal_configuration_loads(write: Write, minimal_text: str) -> None:
    strategy = load(write(minimal_text))
    assert [axis.id for axis in strategy.axes] == ["dialogue", "digital"]
    assert strategy.commune.get("fr") == "Commune de Tamsna"
    assert strategy.years == (2025,)
    (evaluation,) = strategy.evaluations
    assert evaluation.assessment("d1") is not None
    assert evaluation.assessment("d1").measurements[0].value == 250  # type: ignore[union-attr]
    indicator = strategy.axes[0].actions[0].indicators[0]
    assert indicator.targets == {2025: 300.0}
    assert indicator.target_for(2025) == 300
    assert indicator.target_for(2024) is None


def test_plain_and_multilingual_texts_load(write: Write, minimal_text: str) -> None:
    strategy = load(write(minimal_text))
    assert strategy.title == Text.plain("Stratégie de participation 2024–2026")
    assert strategy.axes[0].title.languages == ("fr", "en")


def test_toml_syntax_error_names_line_and_column(write: Write, minimal_text: str) -> None:
    path = write(minimal_text.replace('title = "Stratégie', 'title = = "Stratégie'))
    problem = only_problem(path)
    assert problem.file == path
    assert problem.place == "3:9"
    assert str(problem).startswith(f"{path}:3:9: invalid TOML")


def test_unknown_key_is_an_error_naming_the_key_and_the_place(
    write: Write, minimal_text: str
) -> None:
    path = write(
        minimal_text.replace('number = 3\ntitle = "Portail"', 'number = 3\ntitel = "Portail"')
    )
    found = problems(path)
    unknown = [p for p in found if "unknown key" in p.message]
    assert len(unknown) == 1
    assert unknown[0].place == "axes[1].actions[0] (id 'n1')"
    assert "titel" in unknown[0].message
    assert "title" in unknown[0].message
    missing = [p for p in found if p is not unknown[0]]
    assert [p.place for p in missing] == ["axes[1].actions[0].title (id 'n1')"]


def test_unknown_status_names_the_assessment(write: Write, minimal_text: str) -> None:
    path = write(minimal_text.replace('status = "limited"', 'status = "done"'))
    problem = only_problem(path)
    assert problem.place == "evaluations[0].assessments[1].status (action 'n1')"
    assert "'done' is not a status" in problem.message
    assert "complete" in problem.message  # says what was expected


def test_duplicate_action_id(write: Write, minimal_text: str) -> None:
    path = write(
        minimal_text.replace('id = "n2"', 'id = "n1"').replace('action = "n2"', 'action = "d2"')
    )
    problem = only_problem(path)
    assert problem.place == "axes[1].actions[1].id (id 'n1')"
    assert "duplicate action id 'n1'" in problem.message
    assert "axes[1].actions[0].id" in problem.message


def test_duplicate_assessment(write: Write, minimal_text: str) -> None:
    path = write(minimal_text.replace('action = "n2"', 'action = "n1"'))
    problem = only_problem(path)
    assert problem.place.startswith("evaluations[0].assessments[2].action")
    assert "duplicate assessment of action 'n1'" in problem.message


def test_assessment_of_unknown_action(write: Write, minimal_text: str) -> None:
    path = write(minimal_text.replace('action = "n2"', 'action = "zz"'))
    problem = only_problem(path)
    assert problem.place == "evaluations[0].assessments[2].action (action 'zz')"
    assert "unknown action 'zz'" in problem.message


def test_measurement_of_unknown_indicator(write: Write, minimal_text: str) -> None:
    path = write(minimal_text.replace('indicator = "participants"', 'indicator = "people"'))
    problem = only_problem(path)
    assert problem.place == "evaluations[0].assessments[0].measurements[0].indicator (action 'd1')"
    assert "unknown indicator 'people'" in problem.message
    assert "participants" in problem.message


@pytest.mark.parametrize(
    ("selector", "place", "message"),
    [
        (
            'tags = ["budgte"]',
            "evaluations[0].exclusions[0].tags[0]",
            "no action or group has that tag",
        ),
        ('axes = ["nope"]', "evaluations[0].exclusions[0].axes[0]", "unknown axis 'nope'"),
        ('actions = ["x9"]', "evaluations[0].exclusions[0].actions[0]", "unknown action 'x9'"),
    ],
)
def test_exclusion_naming_unknown_things(
    write: Write, minimal_text: str, selector: str, place: str, message: str
) -> None:
    path = write(minimal_text.replace('tags = ["budget"]\nreason', f"{selector}\nreason"))
    problem = only_problem(path)
    assert (problem.place, message in problem.message) == (place, True)


def test_exclusion_without_selector(write: Write, minimal_text: str) -> None:
    path = write(minimal_text.replace('tags = ["budget"]\nreason', "reason"))
    problem = only_problem(path)
    assert problem.place == "evaluations[0].exclusions[0]"
    assert "at least one of actions, nodes, axes or tags" in problem.message


def test_evaluation_year_outside_the_period(write: Write, minimal_text: str) -> None:
    path = write(minimal_text.replace("year = 2025", "year = 2030"))
    problem = only_problem(path)
    assert problem.place == "evaluations[0].year"
    assert "2030 is outside the strategy's period 2024–2026" in problem.message


def test_target_year_outside_the_period(write: Write, minimal_text: str) -> None:
    path = write(minimal_text.replace("targets = { 2025 = 300 }", "targets = { 2031 = 300 }"))
    problem = only_problem(path)
    assert problem.place == "axes[0].actions[0].indicators[0].targets (id 'participants')"


@pytest.mark.parametrize("weight", ["1.5", "-0.1"])
def test_scale_weight_outside_unit_interval(write: Write, minimal_text: str, weight: str) -> None:
    scale = f'[[scale]]\nid = "done"\nweight = {weight}\nlabel = "Done"\n\n'
    path = write(minimal_text.replace("[[axes]]", scale + "[[axes]]", 1))
    found = problems(path)
    weight_problems = [p for p in found if p.place == "scale[0] (id 'done')"]
    assert weight_problems
    assert "weight must be between 0 and 1" in weight_problems[0].message


def test_wrong_types_are_named_with_what_was_expected(write: Write, minimal_text: str) -> None:
    path = write(
        minimal_text.replace("number = 4", "number = 4.5").replace(
            "baseline = 100", 'baseline = "x"'
        )
    )
    assert {(p.place, p.message) for p in problems(path)} == {
        ("axes[1].actions[1].number (id 'n2')", "expected an integer or a string, got 4.5"),
        (
            "axes[0].actions[0].indicators[0].baseline (id 'participants')",
            "expected a number, got a string ('x')",
        ),
    }


def test_bad_direction_lists_the_choices(write: Write, minimal_text: str) -> None:
    path = write(minimal_text.replace('unit = "people"', 'unit = "people"\ndirection = "up"'))
    problem = only_problem(path)
    assert problem.place.startswith("axes[0].actions[0].indicators[0].direction")
    assert problem.message == "expected one of: increase, decrease"


def test_bad_date_is_explained(write: Write, minimal_text: str) -> None:
    activity = '[[evaluations.assessments.activities]]\ntitle = "Forum"\ndate = "203/07/2022"\n'
    path = write(
        minimal_text.replace(
            "[[evaluations.assessments.measurements]]",
            activity + "\n[[evaluations.assessments.measurements]]",
        )
    )
    problem = only_problem(path)
    assert problem.place == "evaluations[0].assessments[0].activities[0].date (action 'd1')"
    assert "expected YYYY, YYYY-MM or YYYY-MM-DD" in problem.message


def test_non_utf8_file_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "strategy.toml"
    path.write_bytes(b'title = "ok"\ncommune = "Caf' + b'\xe9"\n')
    problem = only_problem(path)
    assert problem.place == "2:15"
    assert "not UTF-8" in problem.message


def test_a_byte_order_mark_is_tolerated(tmp_path: Path, minimal_text: str) -> None:
    path = tmp_path / "strategy.toml"
    path.write_bytes(b"\xef\xbb\xbf" + minimal_text.encode())
    assert read_toml(path)["period"] == {"start": 2024, "end": 2026}


def test_every_problem_is_reported_in_one_run(write: Write, minimal_text: str) -> None:
    text = minimal_text.replace('status = "limited"', 'status = "done"').replace(
        'action = "n2"', 'action = "zz"'
    )
    assert len(problems(write(text))) == 2


def test_missing_path_and_directory_without_strategy(tmp_path: Path) -> None:
    assert "no such file" in only_problem(tmp_path / "nope.toml").message
    assert "no strategy.toml" in only_problem(tmp_path).message


def _split(minimal_text: str) -> tuple[str, str]:
    head, _, evaluation = minimal_text.partition("[[evaluations]]\n")
    return head, evaluation.replace("[[evaluations.", "[[")


def test_directory_configuration_with_one_file_per_year(write: Write, minimal_text: str) -> None:
    head, evaluation = _split(minimal_text)
    root = write(head).parent
    write(evaluation, "evaluations/2025.toml")
    write(evaluation.replace("year = 2025", "year = 2026"), "evaluations/2026.toml")
    assert load(root).years == (2025, 2026)


def test_evaluation_file_errors_name_that_file(write: Write, minimal_text: str) -> None:
    head, evaluation = _split(minimal_text)
    root = write(head).parent
    bad = write(
        evaluation.replace('status = "limited"', 'status = "done"'), "evaluations/2025.toml"
    )
    problem = only_problem(root)
    assert problem.file == bad
    assert problem.place == "assessments[1].status (action 'n1')"


def test_evaluation_file_named_after_another_year(write: Write, minimal_text: str) -> None:
    head, evaluation = _split(minimal_text)
    root = write(head).parent
    write(evaluation, "evaluations/2024.toml")
    problem = only_problem(root)
    assert problem.place == "year"
    assert "expected 2024" in problem.message


def test_two_evaluations_of_one_year(write: Write, minimal_text: str) -> None:
    _head, evaluation = _split(minimal_text)
    root = write(minimal_text).parent
    second = write(evaluation, "evaluations/review.toml")
    problem = only_problem(root)
    assert (problem.file, problem.place) == (second, "year")
    assert "a second evaluation of 2025" in problem.message


def test_unassessed_is_not_a_status_name(write: Write, minimal_text: str) -> None:
    scale = '[[scale]]\nid = "unassessed"\nweight = 0\nlabel = "?"\n\n[[scale]]\nid = "complete"\nweight = 1\nlabel = "Done"\n\n'
    path = write(
        minimal_text.replace("[[axes]]", scale + "[[axes]]", 1)
        .replace('status = "limited"', 'status = "complete"')
        .replace('status = "substantial"', 'status = "complete"')
    )
    problem = only_problem(path)
    assert problem.place == "scale[0].id (id 'unassessed')"
    assert "reserved" in problem.message


def test_toml_nested_too_deep_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "strategy.toml"
    path.write_text("notes = " + "[" * 800 + "]" * 800 + "\n", encoding="utf-8")
    problem = only_problem(path)
    assert problem.place == "1:808"
    assert problem.message == "invalid TOML: arrays or tables nested too deep"


def test_an_empty_language_code_in_a_text_table_is_refused(write: Write, minimal_text: str) -> None:
    path = write(minimal_text.replace('title = "Portail"', 'title = { fr = "T", "" = "x" }'))
    problem = only_problem(path)
    assert problem.place == "axes[1].actions[0].title (id 'n1')"
    assert "a language code cannot be empty" in problem.message


def test_fullwidth_digits_are_not_a_year(tmp_path: Path, minimal_text: str) -> None:
    (tmp_path / "strategy.toml").write_text(minimal_text, encoding="utf-8")
    (tmp_path / "evaluations").mkdir()
    (tmp_path / "evaluations" / "２０２４.toml").write_text("year = ２０２４\n", encoding="utf-8")
    found = problems(tmp_path)
    assert [p.message.startswith("invalid TOML") for p in found] == [True]


def test_a_string_where_an_array_is_expected_is_refused_not_taken_apart(
    write: Write, minimal_text: str
) -> None:
    path = write(minimal_text.replace('tags = ["budget"]', 'tags = "budget"', 1))
    problem = only_problem(path)
    assert problem.message == "expected an array, got a string ('budget')"
