"""What would change, the timeline chart and the portfolio table, as a user sees them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QUrl

import core
from core.resources import examples_dir
from gui.portfolio import OVERALL, SORT_ROLE, PortfolioModel, PortfolioWindow, VerdictFilter
from tests.gui.conftest import settle


def test_what_would_change_lists_options_and_apply_makes_the_change(qtbot, body_cam):
    """The tab offers post-event processing; Apply changes the answer and the verdicts follow."""
    text = body_cam.results.whatif.toPlainText()
    assert "Timing of processing: After the event instead of Real time (live)" in text
    assert "still applies: “Identifying or verifying people from their faces”" in text
    index = next(
        i
        for i, cs in enumerate(body_cam.results.change_sets)
        if [(c.field, c.new) for c in cs.changes] == [("processing.timing", "post_event")]
    )
    body_cam.results.whatif.anchorClicked.emit(QUrl(f"apply:{index}"))
    assert body_cam.session.scenario.answers["processing.timing"] == "post_event"
    assert body_cam.form.rows["processing.timing"].input.value() == "post_event"
    azure = body_cam.session.evaluation().pack("microsoft-azure-openai")
    assert azure.finding("law-enforcement-mobile-real-time") is None
    assert azure.finding("identify-or-verify") is not None
    assert body_cam.isWindowModified()


def test_locking_a_field_removes_its_suggestions(qtbot, body_cam):
    """Tick "Camera platforms" in the locked list: no more camera changes are offered."""
    assert "Camera platforms:" in body_cam.results.whatif.toPlainText()
    locks = body_cam.results.locks
    item = next(
        locks.item(i)
        for i in range(locks.count())
        if locks.item(i).data(Qt.ItemDataRole.UserRole) == "camera.platforms"
    )
    item.setCheckState(Qt.CheckState.Checked)
    settle(qtbot, body_cam)
    assert "Camera platforms:" not in body_cam.results.whatif.toPlainText()
    assert "camera.platforms" in body_cam.results.locked()


def test_timeline_chart_has_a_lane_per_applicable_policy(window):
    """The EU retailer: lanes for the Face terms, the EU AI Act and overall; the change on 2025-02-02 is listed."""
    window.open_example(examples_dir() / "eu-retailer-live-face-matching.scenario.yaml")
    chart = window.results.chart
    assert [title for title, _ in chart.lanes] == [
        "Azure AI Face service terms (Limited Access, Transparency Note)",
        "EU AI Act, Article 5 (prohibited AI practices)",
        "Overall",
    ]
    assert "2025-02-02: no stored version in force → prohibited" in window.results.timeline_text.toPlainText()
    image = chart.grab()
    assert not image.isNull() and image.width() > 300


def _entries(packs):
    return list(core.run_batch([examples_dir()], packs))


def test_portfolio_model_without_a_view(packs):
    """The table model: one row per file, a column per pack, verdicts sort by severity, filters work."""
    model = PortfolioModel(packs, _entries(packs))
    assert model.rowCount() == len(core.example_paths())
    assert model.columnCount() == 4 + len(packs) + 1
    assert model.headerData(0, Qt.Orientation.Horizontal) == "File"
    assert model.headerData(OVERALL, Qt.Orientation.Horizontal) == "Overall"
    row = next(i for i, e in enumerate(model.entries) if e.path.name == "report-drafting-body-cam-audio.scenario.yaml")
    assert model.data(model.index(row, 0)) == "report-drafting-body-cam-audio.scenario.yaml", "the name, not the path"
    assert model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole) == str(model.entries[row].path)
    assert model.data(model.index(row, OVERALL)) == "✔ No prohibition found"
    assert model.data(model.index(row, OVERALL), SORT_ROLE) == core.Verdict.NO_PROHIBITION_FOUND.severity
    proxy = VerdictFilter()
    proxy.setSourceModel(model)
    proxy.sort(OVERALL, Qt.SortOrder.DescendingOrder)
    first = proxy.mapToSource(proxy.index(0, 0)).row()
    assert model.entries[first].overall is core.Verdict.PROHIBITED
    proxy.set_verdict(core.Verdict.NO_PROHIBITION_FOUND)
    assert proxy.rowCount() == 1
    proxy.set_verdict(None)
    proxy.setFilterFixedString("retailer")
    assert proxy.rowCount() == 1
    assert model.rowCount(model.index(0, 0)) == 0, "a table has no children"
    assert model.index(0, 0).parent() == QModelIndex()


def test_portfolio_window_double_click_opens_the_scenario(qtbot, window, monkeypatch):
    """Open Portfolio on the examples folder; double-clicking a row opens that scenario."""
    monkeypatch.setattr(window, "ask_folder", lambda: examples_dir())
    window.open_portfolio()
    portfolio: PortfolioWindow = window.portfolio
    qtbot.waitUntil(lambda: portfolio.model.rowCount() == len(core.example_paths()), timeout=10000)
    assert "6 scenario files" in portfolio.status.text()
    target = examples_dir() / "us-city-police-fixed-cctv.scenario.yaml"
    proxy_row = next(r for r in range(portfolio.proxy.rowCount()) if portfolio.proxy.index(r, 0).data() == target.name)
    portfolio.table.doubleClicked.emit(portfolio.proxy.index(proxy_row, 1))
    assert window.session.path == target
    assert window.windowTitle().startswith("us-city-police-fixed-cctv.scenario.yaml")
