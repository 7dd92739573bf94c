"""Citations for quoted clauses: one place that says where a quote comes from."""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.packs import Clause, PackVersion, PolicyPack


@dataclass(frozen=True)
class Citation:
    """Everything a reader needs to find and weigh a quoted clause."""

    publisher: str
    document: str
    """The policy's title as published for this version."""
    version: str
    """Version id and period in force."""
    section: str
    url: str
    """The publisher's address for the policy."""
    quoted_from: str
    """Where the words were read: the source's publisher, title, date and address."""
    retrieved: str
    status: str
    """Verification status id (primary, archive, cross_checked, secondary)."""
    status_label: str

    def text(self) -> str:
        """One paragraph: publisher, document, version, section, URL, source, retrieved, status."""
        parts = [
            f"{self.publisher}, “{self.document}”, version {self.version}",
            f"section “{self.section}”",
        ]
        if self.url:
            parts.append(self.url)
        parts.append(f"wording from {self.quoted_from}")
        parts.append(f"retrieved {self.retrieved}")
        parts.append(f"status: {self.status} ({self.status_label})")
        return "; ".join(parts) + "."


_UNRECORDED = re.compile(r"\s*\((?:headline|title) not recorded\)", re.IGNORECASE)


def cite(pack: PolicyPack, version: PackVersion, clause: Clause) -> Citation:
    """The citation of ``clause`` as it stands in ``version`` of ``pack``.

    A source whose headline was not recorded is described, not quoted as if it were a title
    (no "(headline not recorded)" placeholder in a citation).
    """
    src = clause.source
    described = _UNRECORDED.sub("", src.title)
    quoted = f"{src.publisher}, “{src.title}”" if described == src.title else f"{src.publisher}, {described}"
    if src.published:
        quoted += f" ({src.published})"
    if src.url and src.url != version.url:
        quoted += f", {src.url}"
    if src.obtained_from:
        quoted += f", {src.obtained_from}"
    return Citation(
        publisher=pack.publisher,
        document=version.title,
        version=version.id,
        section=clause.section,
        url=version.url,
        quoted_from=quoted,
        retrieved=src.retrieved,
        status=clause.status.value,
        status_label=clause.status.label,
    )
