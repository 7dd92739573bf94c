"""What would change, the timeline chart and the portfolio table, as a user sees them."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QUrl

import core
from core.resources import examples_dir
from gui.portfolio import OVERALL, SORT_ROLE, PortfolioModel, PortfolioWindow, VerdictFilter
from tests.gui.conftest import settle


def test_what_would_change_lists_options_and_apply_makes_the_change(qtbot, body_cam):
    """The tab offers post-event processing; Apply changes the answer and the verdicts follow."""
    body_cam.results.setCurrentIndex(1)
    text = body_cam.results.whatif.toPlainText()
    assert "Timing of processing: after the event instead of real time (live)" in text
    assert "Still applies: “Identifying or verifying people from their faces”" in text
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
    body_cam.results.setCurrentIndex(1)
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


def test_facts_of_the_context_are_locked_by_default_and_can_be_unlocked(qtbot, window, tmp_path):
    """The lock list starts from the questionnaire's facts; unticking a drifting fact shows it as a remedy."""
    q = window.packs.questionnaire
    assert window.results.locked() == set(core.default_locked(q))
    path = tmp_path / "retail.scenario.yaml"
    scenario = core.load_scenario(examples_dir() / "eu-retailer-live-face-matching.scenario.yaml", q)
    core.save_scenario(scenario, path, q)
    window.open_path(path)
    window.results.setCurrentIndex(1)  # the tab is filled when shown
    settle(qtbot, window)
    text = " ".join(window.results.whatif.toPlainText().split())
    assert "Operated for law enforcement: no instead of yes" not in text
    locks = window.results.locks
    item = next(
        locks.item(i)
        for i in range(locks.count())
        if locks.item(i).data(Qt.ItemDataRole.UserRole) == "deployer.for_law_enforcement"
    )
    item.setCheckState(Qt.CheckState.Unchecked)
    settle(qtbot, window)
    assert "Operated for law enforcement: no instead of yes" in " ".join(window.results.whatif.toPlainText().split())


def test_the_tab_warns_of_risks_and_explains_what_remains(qtbot, window, tmp_path):
    """Retail case, alerts not shared: sharing with police is listed as a risk (no Apply link); with the
    capabilities locked, the tab names the condition the Findings tab names, never "nothing to change"."""
    q = window.packs.questionnaire
    path = tmp_path / "retail.scenario.yaml"
    scenario = core.load_scenario(examples_dir() / "eu-retailer-live-face-matching.scenario.yaml", q)
    consenting = scenario.with_answer("deployer.for_law_enforcement", False).with_answer(
        "subjects.consent", "all_consented"
    )
    core.save_scenario(consenting, path, q)
    window.open_path(path)
    window.results.setCurrentIndex(1)  # the tab is filled when shown
    settle(qtbot, window)
    html = window.results.whatif.toHtml()
    text = " ".join(window.results.whatif.toPlainText().split())
    risks = text[text.index("What would make the verdict more severe than restricted") :]
    assert "Operated for law enforcement: yes instead of no" in risks
    assert "Newly applies: “Real-time remote biometric identification in public spaces for law enforcement”" in risks
    assert html.count("apply:") == len(window.results.change_sets)
    assert not any(cs.overall.severity > cs.before.severity for cs in window.results.change_sets)
    locks = window.results.locks
    next(
        locks.item(i) for i in range(locks.count()) if locks.item(i).data(Qt.ItemDataRole.UserRole) == "capabilities"
    ).setCheckState(Qt.CheckState.Checked)
    settle(qtbot, window)
    text = " ".join(window.results.whatif.toPlainText().split())
    findings = " ".join(window.results.findings.toPlainText().split())
    condition = "Register the use case with Microsoft and keep the registration consistent with this deployment."
    assert condition in findings
    assert "The verdict is allowed only under conditions (restricted)" in text
    assert (
        "What remains is to meet these conditions: "
        "for “Limited Access registration for facial recognition” (Azure AI Face service terms (Limited Access, "
        f"Transparency Note)): {condition.rstrip('.')}" in text
    )
    assert "nothing to change" not in text


def test_timeline_chart_has_a_lane_per_applicable_policy(window):
    """The EU retailer: lanes for the Face terms, the EU AI Act and overall; the change on 2025-02-02 is listed."""
    window.open_example(examples_dir() / "eu-retailer-live-face-matching.scenario.yaml")
    window.results.setCurrentIndex(2)
    chart = window.results.chart
    assert [title for title, _ in chart.lanes] == [
        "Azure AI Face service terms (Limited Access, Transparency Note)",
        "EU AI Act, Article 5 (prohibited AI practices)",
        "EU AI Act, deployer obligations for biometric systems (high-risk, transparency)",
        "GDPR, Article 9 (biometric and other special categories of data)",
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
    assert f"{len(core.example_paths())} scenario files" in portfolio.status.text()
    target = examples_dir() / "us-city-police-fixed-cctv.scenario.yaml"
    proxy_row = next(r for r in range(portfolio.proxy.rowCount()) if portfolio.proxy.index(r, 0).data() == target.name)
    portfolio.table.doubleClicked.emit(portfolio.proxy.index(proxy_row, 1))
    assert window.session.path == target
    assert window.windowTitle().startswith("us-city-police-fixed-cctv.scenario.yaml")
