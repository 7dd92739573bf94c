"""One verdict presentation table (core.verdicts): labels, symbols and colours shared by window, memo and text."""

from __future__ import annotations

import re

import core
from core import Verdict


def test_every_verdict_has_its_own_label_symbols_and_colour():
    """No two verdicts look alike in any output: labels, plain-text symbols, marks and colours all differ."""
    for attribute in ("label", "symbol", "mark", "colour"):
        values = [getattr(v, attribute) for v in Verdict]
        assert len(set(values)) == len(values), attribute
    assert all(re.fullmatch(r"#[0-9A-F]{6}", v.colour) for v in Verdict)


def test_window_and_memo_colours_come_from_the_table():
    """The window's badges and the memo's verdict colours are the table's, not copies of it."""
    from core.memo.styles import VERDICT_COLOURS
    from gui.findings_html import COLOURS, SYMBOLS

    assert {v: v.colour for v in Verdict} == COLOURS and {v: v.mark for v in Verdict} == SYMBOLS
    assert {v: "#" + c.hexval()[2:].upper() for v, c in VERDICT_COLOURS.items()} == COLOURS


def test_the_text_report_shows_the_tables_symbol_and_label():
    """`clausewise evaluate` text output names the overall verdict with the table's symbol and label."""
    packs = core.load_packs()
    scenario = core.load_scenario(core.example_paths()[0], packs.questionnaire)
    evaluation = core.evaluate(scenario, packs)
    text = core.evaluation_to_text(evaluation, packs)
    assert f"Overall: {evaluation.overall.symbol} {evaluation.overall.label.upper()}" in text
