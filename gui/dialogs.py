"""Dialogs: export a signed memo, create a signing identity, show a verification report.

Dialogs collect input and show results; the window runs the work (off the UI thread) and
decides what happens next.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import core
from gui.markup import escape
from gui.session_view import SigningChoice, SigningField, SigningForm
from gui.style import style_label
from gui.wheel_guard import GuardedComboBox


class NewIdentityDialog(QDialog):
    """Create a self-issued signing identity: name, organisation, email and a passphrase twice.

    Like ``clausewise identity create``, an empty passphrase is refused; a key without one needs the
    explicit "No passphrase" choice (the CLI's ``--no-passphrase``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New signing identity")
        self.holder = QLineEdit()
        self.holder.setAccessibleName("Your name")
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName("Organisation")
        self.email = QLineEdit()
        self.email.setAccessibleName("Email")
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase")
        self.repeat = QLineEdit()
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setAccessibleName("Passphrase again")
        self.no_passphrase = QCheckBox("No passphrase (not recommended: anyone who can read your files can sign)")
        self.no_passphrase.setAccessibleName("Create the key without a passphrase")
        self.no_passphrase.toggled.connect(self._passphrase_choice)
        self.problem = QLabel()
        style_label(self.problem, "problem")
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Name", self.holder)
        form.addRow("&Organisation", self.organisation)
        form.addRow("&Email", self.email)
        form.addRow("&Passphrase", self.passphrase)
        form.addRow("&Repeat", self.repeat)
        form.addRow("", self.no_passphrase)
        hint = QLabel(
            "Clausewise creates a certificate in your name and keeps its key in your user folder, protected by "
            "a passphrase: without one, anyone who can read your files can sign in your name."
        )
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create")
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def _check(self) -> None:
        if not self.holder.text().strip():
            self.problem.setText("Enter your name: it appears on every memo you sign.")
            self.holder.setFocus()
            return
        if not self.no_passphrase.isChecked() and not self.passphrase.text().strip():
            self.problem.setText(
                "Enter a passphrase (twice): it protects your signing key. An empty passphrase is refused; "
                "tick \u201cNo passphrase\u201d only if you accept that anyone who can read your files can sign."
            )
            self.passphrase.setFocus()
            return
        if not self.no_passphrase.isChecked() and self.passphrase.text() != self.repeat.text():
            self.problem.setText("The two passphrases differ.")
            self.repeat.setFocus()
            return
        self.accept()

    def _passphrase_choice(self, none: bool) -> None:
        for box in (self.passphrase, self.repeat):
            box.setEnabled(not none)
            if none:
                box.clear()
        self.problem.clear()

    def values(self) -> tuple[str, str, str, str | None]:
        """(holder, organisation, email, passphrase — None only when "No passphrase" was chosen)."""
        return (
            self.holder.text().strip(),
            self.organisation.text().strip(),
            self.email.text().strip(),
            None if self.no_passphrase.isChecked() else self.passphrase.text(),
        )


class ExportDialog(QDialog):
    """Choose or create an identity, a passphrase, an optional timestamp server and the output file."""

    def __init__(self, parent: QWidget | None, *, suggested: Path, timestamp_url: str, last_identity: str) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export signed memo")
        self.identity = GuardedComboBox()
        self.identity.setAccessibleName("Signing identity")
        self.new_identity = QPushButton("&New identity…")
        self.new_identity.clicked.connect(self._create_identity)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase of the signing identity")
        self.passphrase.setPlaceholderText("leave empty if the identity has none")
        self.tsa = QLineEdit(timestamp_url)
        self.tsa.setAccessibleName("Timestamp server address (optional)")
        self.tsa.setPlaceholderText("optional, e.g. https://freetsa.org/tsr")
        self.lta = QCheckBox("&Long-term validation (PAdES B-LTA: validation data and a document timestamp)")
        self.lta.setAccessibleName("Long-term validation; needs a timestamp server")
        self.output = QLineEdit(str(suggested))
        self.output.setAccessibleName("Output file")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        self.problem = QLabel()
        style_label(self.problem, "problem")
        self.problem.setWordWrap(True)
        identity_row = QHBoxLayout()
        identity_row.addWidget(self.identity, 1)
        identity_row.addWidget(self.new_identity)
        output_row = QHBoxLayout()
        output_row.addWidget(self.output, 1)
        output_row.addWidget(browse)
        form = QFormLayout()
        for text, buddy, row in (
            ("Signing &identity", self.identity, identity_row),
            ("&Passphrase", self.passphrase, self.passphrase),
            ("&Timestamp server", self.tsa, self.tsa),
            ("&Save as", self.output, output_row),
        ):
            label = QLabel(text)
            label.setBuddy(buddy)  # the mnemonic moves the focus to the field
            form.addRow(label, row)
            if buddy is self.tsa:
                form.addRow("", self.lta)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign and save")
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.identity_dialog: NewIdentityDialog | None = None
        self.reload_identities(last_identity)

    def reload_identities(self, select: str = "") -> None:
        """Fill the identity list (with a hint when there is none yet)."""
        self.identity.clear()
        for identity in core.list_identities():
            self.identity.addItem(identity.describe(), identity.name)
        if self.identity.count() == 0:
            self.identity.addItem("No identity yet: create one", None)
        index = self.identity.findData(select)
        self.identity.setCurrentIndex(max(index, 0))

    def _create_identity(self) -> None:
        self.identity_dialog = NewIdentityDialog(self)
        self.identity_dialog.accepted.connect(self._identity_entered)
        self.identity_dialog.open()

    def _identity_entered(self) -> None:
        assert self.identity_dialog is not None
        holder, organisation, email, passphrase = self.identity_dialog.values()
        try:
            created = core.create_identity(holder, organisation, email, passphrase)
        except core.ClausewiseError as exc:
            self.problem.setText(str(exc))
            return
        self.reload_identities(created.name)
        self.passphrase.setText(passphrase or "")

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(  # the export flow asks before replacing a file
            self, "Save memo as", self.output.text(), "PDF (*.pdf)", options=QFileDialog.Option.DontConfirmOverwrite
        )
        if path:
            self.output.setText(path if path.lower().endswith(".pdf") else path + ".pdf")

    def _check(self) -> None:
        if self.identity.currentData() is None:
            self.problem.setText("Create a signing identity first (New identity…).")
            return
        if not self.output.text().strip():
            self.problem.setText("Choose where to save the memo.")
            return
        tsa = self.tsa.text().strip()
        if tsa and not tsa.startswith(("http://", "https://")):
            self.problem.setText("The timestamp server address starts with http:// or https://.")
            self.tsa.setFocus()
            return
        if self.lta.isChecked() and not tsa:
            self.problem.setText("Long-term validation needs a timestamp server: enter its address.")
            self.tsa.setFocus()
            return
        self.accept()

    def show_problem(self, text: str, field: SigningField = "passphrase") -> None:
        """Show what went wrong, keeping everything entered; ``field`` is selected to retype."""
        self.problem.setText(text)
        line = self.passphrase if field == "passphrase" else self.output
        line.selectAll()
        line.setFocus()

    def choice(self) -> SigningChoice:
        """What the user entered."""
        return SigningChoice(
            identity=self.identity.currentData(),
            passphrase=self.passphrase.text() or None,
            timestamp_url=self.tsa.text().strip(),
            output=Path(self.output.text().strip()),
            lta=self.lta.isChecked(),
        )


class CountersignDialog(ExportDialog):
    """Export dialog for adding a further signature to a signed memo, with the signer's role."""

    def __init__(self, parent: QWidget | None, *, memo: Path, timestamp_url: str, last_identity: str) -> None:
        super().__init__(
            parent,
            suggested=memo.with_name(memo.stem + "-countersigned.pdf"),
            timestamp_url=timestamp_url,
            last_identity=last_identity,
        )
        self.setWindowTitle(f"Countersign {memo.name}")
        self.memo = memo
        self.role = QLineEdit("Approver")
        self.role.setAccessibleName("Your role, shown on the stamp")
        label = QLabel("&Role")
        label.setBuddy(self.role)
        form = self.layout().itemAt(0).layout()
        assert isinstance(form, QFormLayout)
        form.insertRow(1, label, self.role)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Countersign and save")

    def choice(self) -> SigningChoice:
        """What the user entered, with the role."""
        return replace(super().choice(), role=self.role.text().strip() or "Approver")


def signing_dialog(parent: QWidget | None, form: SigningForm) -> ExportDialog:
    """The export dialog, or the countersign dialog when ``form`` names a memo."""
    if form.memo is None:
        return ExportDialog(
            parent, suggested=form.suggested, timestamp_url=form.timestamp_url, last_identity=form.last_identity
        )
    return CountersignDialog(parent, memo=form.memo, timestamp_url=form.timestamp_url, last_identity=form.last_identity)


def verification_look(report) -> core.Verdict:
    """The verdict whose colour and mark (core's one table) a verification headline borrows: verified
    as no prohibition found (✔), intact but a signer not trusted as unclear (⚠), else prohibited (✖)."""
    if report.ok:
        return core.Verdict.NO_PROHIBITION_FOUND
    return core.Verdict.UNCLEAR if report.status == "untrusted" else core.Verdict.PROHIBITED


class VerificationDialog(QDialog):
    """A verification report in plain words."""

    def __init__(self, parent: QWidget | None, report) -> None:
        super().__init__(parent)
        self.setWindowTitle("Memo verification")
        self.resize(720, 520)
        self.report = report
        look = verification_look(report)
        html = [f'<h2 style="color:{look.colour};">{look.mark} {escape(report.headline())}</h2>']
        html += [
            f"<p>Memo: {escape(report.display_file)}</p><ul>",
            *(f"<li>{escape(line)}</li>" for line in report.details()),
        ]
        html.append("</ul>")
        self.browser = QTextBrowser()
        self.browser.setAccessibleName("Verification report")
        self.browser.setHtml("".join(html))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        buttons.button(QDialogButtonBox.StandardButton.Close).clicked.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.browser.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
