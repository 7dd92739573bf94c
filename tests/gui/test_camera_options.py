"""The camera list offers "None of these" but not also "No camera"; old `none` answers still load, unchanged."""

from __future__ import annotations

import core
from gui.inputs import MultiChoiceInput


def _camera_input(packs) -> MultiChoiceInput:
    return MultiChoiceInput(packs.questionnaire.fields["camera.platforms"])


def test_no_camera_is_not_offered_beside_none_of_these(qtbot, packs):
    """The form has a "None of these" box and no "No camera" box."""
    widget = _camera_input(packs)
    qtbot.addWidget(widget)
    labels = [box.text() for box in widget.boxes.values()]
    assert "No camera" not in labels and "Body-worn camera" in labels
    assert widget.none_box.text() == "None of these"


def test_an_old_none_answer_loads_shows_none_of_these_and_is_kept(qtbot, packs):
    """A scenario file answering [none] shows "None of these" ticked and gives back [none] untouched."""
    widget = _camera_input(packs)
    qtbot.addWidget(widget)
    widget.set_value(("none",))
    assert widget.none_box.isChecked()
    assert widget.value() == ("none",)
    widget.boxes["fixed_cctv"].setChecked(True)
    assert widget.value() == ("fixed_cctv",), "changing the answer drops the retired option"


def test_the_none_option_still_loads_from_a_scenario_file(packs):
    """`camera.platforms: [none]` is still a valid answer (public vocabulary: never removed)."""
    text = (
        "clausewise: scenario/1\nanswers:\n  service: [azure_ai_vision]\n  capabilities: [object_detection]\n"
        "  camera.platforms: [none]\n"
    )
    scenario = core.parse_scenario(text, "old.scenario.yaml", packs.questionnaire)
    assert scenario.answers["camera.platforms"] == ("none",)
    option = next(o for o in packs.questionnaire.fields["camera.platforms"].options if o.value == "none")
    assert option.offered is False


def test_a_wrapping_checkbox_prefers_its_label_on_one_line_and_wraps_when_narrow(qtbot):
    """Its preferred size has the label on one line (so forms choose columns as for a plain
    checkbox); narrower, the label wraps and the box grows taller; a click on the label toggles it;
    its accessible name follows its label."""
    from PySide6.QtCore import QPoint, Qt

    from gui.reflow import WrappingCheckBox

    text = "Amazon Bedrock (or another AWS AI service)"
    box = WrappingCheckBox(text)
    qtbot.addWidget(box)
    line = box.label.fontMetrics().height()
    hint = box.sizeHint()
    margins = box.layout().contentsMargins()
    assert box.label.heightForWidth(hint.width() - margins.left() - margins.right()) == line
    assert box.heightForWidth(hint.width() // 2) > hint.height()
    assert box.minimumSizeHint().width() < hint.width() // 2
    box.resize(hint)
    box.show()
    qtbot.waitExposed(box)
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(hint.width() - 20, hint.height() // 2))
    assert box.isChecked(), "a click on the label toggles the box"
    assert box.text() == box.accessibleName() == text
    box.setText("Another cloud AI service")
    assert box.accessibleName() == "Another cloud AI service"


def test_a_wrapping_label_remembers_only_what_qt_would_answer(qtbot):
    """The heights a WrappingLabel remembers (and the one-line width a WrappingCheckBox's preferred
    size is made of) are what Qt itself answers, asked again without the memory: after a new text,
    margin, indent, an application font (a zoom), a font of its own, the checkbox label's own
    font, wrapping and clearing, shown or not."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication, QLabel

    from gui.reflow import WrappingCheckBox, WrappingLabel

    widths = (40, 60, 140, 333, 800)
    label = WrappingLabel("Which cameras feed the service, and are they worn, fixed or carried on vehicles?")
    box = WrappingCheckBox("Azure AI Face")
    qtbot.addWidget(label)
    qtbot.addWidget(box)

    def qt_heights(widget: QLabel) -> list[int]:
        return [QLabel.heightForWidth(widget, w) for w in widths]  # Qt's own, not the remembered ones

    def remembered() -> tuple[list[int], list[int], object]:
        return [label.heightForWidth(w) for w in widths], [box.label.heightForWidth(w) for w in widths], box.sizeHint()

    original = QApplication.font()
    seen = []
    try:
        for change in (
            lambda: None,
            lambda: label.setText("A much longer question that wraps onto more lines " * 3),
            lambda: label.setMargin(9),
            lambda: label.setIndent(30),
            lambda: (label.show(), box.show()),
            lambda: QApplication.setFont(QFont(original.family(), 19)),
            lambda: label.setFont(QFont(label.font().family(), 23)),
            lambda: box.label.setFont(QFont(label.font().family(), 21)),
            lambda: box.setText("Amazon Bedrock (or another AWS AI service)"),
            lambda: label.setWordWrap(False),
            lambda: label.clear(),
        ):
            before = remembered()  # remembered from here
            change()
            qtbot.wait(1)  # font changes reach shown widgets through the event loop
            after = remembered()
            assert after[0] == qt_heights(label)
            assert after[1] == qt_heights(box.label)
            box.label.forget()
            assert after[2] == box.sizeHint(), "the preferred size is the one measured anew"
            seen.append(before != after)
        # Each change but the first and the showing changed what was remembered (a stale memory
        # would have failed above).
        assert seen == [False, True, True, True, False, True, True, True, True, True, True]
    finally:
        QApplication.setFont(original)
