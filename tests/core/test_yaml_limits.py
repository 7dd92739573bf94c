"""The limits of YAML loading, at their edges: what is just accepted and what is just refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from core.errors import InputError, ScenarioError
from core.reading import read_text
from core.yaml_compose import MAX_DEPTH, MAX_NODES
from core.yaml_errors import enclosing_key
from core.yamlsource import MAX_VALUES, parse_yaml


def nested(depth: int) -> str:
    return "[" * depth + "x" + "]" * depth


def test_nesting_up_to_the_limit_is_read_and_one_more_level_is_refused_with_the_line():
    """MAX_DEPTH levels in all (the document's own mapping counts) load; one more is an InputError
    naming the key and the line."""
    data, _ = parse_yaml(f"a: 1\nb: {nested(MAX_DEPTH - 1)}\n", "f.yaml")
    assert data["a"] == 1
    with pytest.raises(InputError) as err:
        parse_yaml(f"a: 1\nb: {nested(MAX_DEPTH)}\n", "f.yaml")
    assert (err.value.key, err.value.line) == ("b", 2)
    assert f"nested more than {MAX_DEPTH} levels deep" in err.value.message


def test_references_cannot_nest_deeper_than_what_is_written():
    """Two 60-level lists, one referring to the other, are 120 levels once read: refused."""
    text = f"a: &a {nested(60)}\nb: {nested(60).replace('x', '*a')}\n"
    with pytest.raises(InputError, match="through references"):
        parse_yaml(text, "f.yaml")


def test_a_document_with_more_values_than_the_limit_is_refused():
    """MAX_NODES values written out are refused before they are all built."""
    text = "a: [" + ",".join(["1"] * MAX_NODES) + "]\n"
    with pytest.raises(InputError, match=f"more than {MAX_NODES:,} values"):
        parse_yaml(text, "f.yaml")
    assert MAX_VALUES >= MAX_NODES


def test_standard_tags_on_values_they_fit_are_read_as_yaml_says():
    """Explicit standard tags are allowed when the value fits: the value is converted (as PyYAML does)."""
    text = (
        "s: !!str 5\ni: !!int '7'\nb: !!bool yes\nd: !!timestamp 2024-06-01\nn: !!null ''\n"
        "f: !!float 1\nl: !!seq [a]\nm: !!map {k: v}\nplain: ! 12\n"
    )
    data, _ = parse_yaml(text, "f.yaml")
    assert data == {
        "s": "5",
        "i": 7,
        "b": True,
        "d": dt.date(2024, 6, 1),
        "n": None,
        "f": 1.0,
        "l": ["a"],
        "m": {"k": "v"},
        "plain": 12,  # as PyYAML reads it
    }


def test_an_impossible_date_without_a_tag_is_kept_as_text_for_the_validator():
    """2024-02-30 looks like a date; untagged, it stays text so the validator can say why it is wrong."""
    data, _ = parse_yaml("as_of: 2024-02-30\n", "f.yaml")
    assert data == {"as_of": "2024-02-30"}


def test_text_with_a_lone_surrogate_is_an_input_error_with_the_line():
    """Text that never came from a UTF-8 file (a draft, an attachment) cannot crash the parser."""
    with pytest.raises(ScenarioError) as err:
        parse_yaml("a: 1\ntitle: x\ud800y\n", "draft.json", ScenarioError)
    assert err.value.line == 2 and "U+D800" in err.value.message


def test_a_device_that_never_ends_is_refused_after_the_size_limit():
    """/dev/zero is read only up to the limit, then refused as too large."""
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    with pytest.raises(InputError, match="too large"):
        read_text(Path("/dev/zero"))


def test_a_utf16_file_is_named_as_such(tmp_path):
    """A file saved as UTF-16 (Windows Notepad's 'Unicode') is told to be saved as UTF-8."""
    path = tmp_path / "x.scenario.yaml"
    path.write_bytes("clausewise: scenario/1\n".encode("utf-16"))
    with pytest.raises(InputError, match="saved as UTF-16"):
        read_text(path)


def test_the_key_near_a_syntax_error_is_found_under_thousands_of_continuation_lines():
    """A plain value continued over 3,000 ever more indented lines: the key is still named
    (this once recursed once per line and crashed)."""
    n = 3000
    text = "k: v\n" + "".join(" " * i + "c:d\n" for i in range(1, n)) + " " * n + "e: f\n"
    assert enclosing_key(text, n + 1, own=True) == "k"
    with pytest.raises(InputError) as err:
        parse_yaml(text, "f.yaml")
    assert err.value.key == "k"


def test_an_error_message_is_one_line_and_a_huge_value_is_shortened():
    """Whatever a message quotes (line breaks, a megabyte of text), str() is one short line."""
    e = InputError("bad value " + "x" * 1_000_000 + "\nsecond line", file="f.yaml", key="a\nb", line=3)
    text = str(e)
    assert len(text.splitlines()) == 1
    assert len(text) < 1200
    assert text.startswith("f.yaml:3: a\\nb: bad value xxx")
