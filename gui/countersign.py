"""File → Countersign Memo…: add the user's signature (as approver) to a signed memo."""

from __future__ import annotations

import core
from gui.crash import error_text
from gui.dialogs import CountersignDialog
from gui.worker import run_in_background


def countersign(w) -> None:
    """Ask which memo, then identity, role and output; sign off the UI thread."""
    memo = w.ask_pdf_path()
    if not memo:
        return
    w.countersign_dialog = dialog = CountersignDialog(
        w, memo=memo, timestamp_url=w.settings.timestamp_url, last_identity=w.settings.last_identity
    )
    dialog.accepted.connect(lambda: _start(w, dialog))
    dialog.open()


def _start(w, dialog: CountersignDialog) -> None:
    name, passphrase, tsa, output = dialog.values()
    options = {"role": dialog.role.text().strip() or "Approver", "timestamp_url": tsa or None}
    options["lta"] = dialog.lta.isChecked()

    def work():
        return core.countersign_memo(dialog.memo, output, core.find_identity(name), passphrase, **options)

    def done(result) -> None:
        w._not_busy()
        w.show_info(
            "Memo countersigned",
            f"Memo {result.memo_id} now carries {result.signatures} signatures; written to:\n{result.path}",
        )

    def failed(exc: BaseException) -> None:
        w._not_busy()
        if isinstance(exc, core.WrongPassphrase):
            dialog.show_problem("The passphrase does not open this signing identity. Try again.")
            dialog.passphrase.selectAll()
            dialog.open()
            return
        w.show_error("The memo was not countersigned", error_text(exc))

    w._busy("Countersigning the memo…")
    run_in_background(work, done, failed)
