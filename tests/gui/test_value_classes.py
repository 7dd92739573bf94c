"""The GUI's value types are value classes too (``core.value_class``: start-up cost), with the
signatures ``dataclasses`` would give them."""

from __future__ import annotations

import pytest

import gui
from tests.core.test_value_class import dataclass_signature, dataclasses_of, made_the_slow_way, signature_of

GUI_CLASSES = dataclasses_of(gui)


def test_every_frozen_gui_class_is_a_value_class():
    """Only the settings, which the user changes, are an ordinary dataclass."""
    assert made_the_slow_way(GUI_CLASSES) == ["Settings"]
    assert len(GUI_CLASSES) >= 10


@pytest.mark.parametrize("cls", GUI_CLASSES, ids=lambda c: c.__qualname__)
def test_each_gui_value_class_has_dataclasses_signature(cls):
    assert signature_of(cls) == dataclass_signature(cls)
