"""Render signed memos of two bundled examples and their page images (docs/memo-*.png).

Usage: .venv/bin/python scripts/memo_pages.py PREFIX [OUTDIR]
Writes OUTDIR/PREFIX-body-cam.pdf, OUTDIR/PREFIX-retailer.pdf and PNG pages at 60 dpi
(pdftoppm -png -r 60). Signs with a throwaway identity in a temporary user directory.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

EXAMPLES = {"body-cam": "body-cam-patrol-uk", "germany": "post-event-identification-germany"}


def main() -> None:
    prefix = sys.argv[1]
    outdir = Path(sys.argv[2] if len(sys.argv) > 2 else "docs")
    home = tempfile.mkdtemp()
    os.environ["CLAUSEWISE_HOME"] = home
    os.environ["XDG_DATA_HOME"] = home
    os.environ["XDG_CONFIG_HOME"] = home
    import core
    from core.resources import examples_dir

    packs = core.load_packs()
    ident = core.create_identity("Jane Doe", "Example Police Procurement", "jane.doe@procurement.example.org", "pw")
    for short, name in EXAMPLES.items():
        ev = core.evaluate(core.load_scenario(examples_dir() / f"{name}.scenario.yaml", packs.questionnaire), packs)
        pdf = outdir / f"{prefix}-{short}.pdf"
        core.export_signed_memo(ev, packs, pdf, ident, "pw")
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(outdir / f"{prefix}-{short}-p")], check=True)
        print(pdf)


if __name__ == "__main__":
    main()
