"""Strict loading of policy packs (format ``clausewise: pack/1``).

Unknown keys, missing keys, bad dates, overlapping versions and references to undefined
fields, options, definitions, sources, versions or clauses are errors that name the file,
the key path and the line.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from core.condition_parser import ConditionParser
from core.conditions import Condition, Ref
from core.errors import PackError
from core.model_keys import keys_of
from core.packs import (
    Case,
    Clause,
    Notice,
    PackSet,
    PackVersion,
    PolicyPack,
    Remark,
    Rule,
    ScopeTest,
    Source,
    VerificationStatus,
    pack_digest,
)
from core.questionnaire import Questionnaire
from core.questionnaire_loader import read_definition
from core.reading import read_text
from core.resources import INDEX_FILE, PACK_SUFFIX
from core.schema import Reader
from core.templates import has_stray_brace, placeholders
from core.verdicts import RULE_VERDICTS, Verdict
from core.yamlsource import KeyPath, parse_yaml

FORMAT = "pack/1"
TESTS_SUFFIX = ".tests.yaml"

_CASE_KEYS = ("verdict", "explanation", "notes", "remedies")


def load_pack(path: Path, questionnaire: Questionnaire) -> PolicyPack:
    """Load and validate one pack file."""
    path = Path(path)
    text = read_text(path, PackError)
    expected = path.name.removesuffix(PACK_SUFFIX) if path.name.endswith(PACK_SUFFIX) else None
    return parse_pack(text, path, questionnaire, expected_id=expected)


def load_pack_dir(directory: Path, questionnaire: Questionnaire) -> PackSet:
    """Load every ``*.pack.yaml`` in ``directory``.

    The order is the one listed in ``index.yaml`` if the directory has one (packs it does not
    list follow, by file name); otherwise by file name.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise PackError("not a directory of policy packs", file=directory)
    packs: list[PolicyPack] = []
    for path in sorted(directory.glob(f"*{PACK_SUFFIX}")):
        pack = load_pack(path, questionnaire)
        if any(p.id == pack.id for p in packs):
            raise PackError(f"pack id {pack.id!r} is used by two files", file=path, key="id")
        packs.append(pack)
    if not packs:
        raise PackError(f"no policy packs (*{PACK_SUFFIX}) found", file=directory)
    order = _index_order(directory / INDEX_FILE, {p.id for p in packs})
    packs.sort(key=lambda p: (order.get(p.id, len(order)), p.id))
    return PackSet(questionnaire, tuple(packs))


def _index_order(path: Path, available: set[str]) -> dict[str, int]:
    if not path.exists():
        return {}
    data, smap = parse_yaml(read_text(path, PackError), path, PackError)
    r = Reader(smap, PackError)
    r.mapping(data, (), required=("clausewise", "packs"))
    r.choice(data["clausewise"], ("clausewise",), ["pack-index/1"])
    order: dict[str, int] = {}
    for i, value in enumerate(r.items(data["packs"], ("packs",))):
        pid = r.identifier(value, ("packs", i))
        if pid not in available:
            r.fail(("packs", i), f"no pack {pid!r} in this directory")
        order[pid] = i
    return order


def parse_pack(
    text: str, file: str | Path, questionnaire: Questionnaire, *, expected_id: str | None = None
) -> PolicyPack:
    """Parse and validate pack YAML; ``expected_id`` is the id the file name implies."""
    data, smap = parse_yaml(text, file, PackError)
    return _PackReader(Reader(smap, PackError), questionnaire).read(data, text, expected_id)


def version_id(r: Reader, value: Any, path: KeyPath) -> str:
    """A version id; an unquoted date such as 2024-05-01 is read as its text."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return r.identifier(value, path)


class _PackReader:
    def __init__(self, reader: Reader, questionnaire: Questionnaire) -> None:
        self.r = reader
        self.q = questionnaire
        self.definitions: dict[str, Ref] = dict(questionnaire.definitions)
        self.parser = ConditionParser(reader, questionnaire.fields, self.definitions, questionnaire.countries)

    def read(self, data: Any, text: str, expected_id: str | None) -> PolicyPack:
        r = self.r
        if data is None:
            r.fail((), "the file is empty; a pack starts with 'clausewise: pack/1'")
        r.mapping(
            data,
            (),
            *keys_of(
                PolicyPack,
                ("clausewise", "id", "title", "publisher", "description", "scope", "sources", "versions", "rules"),
                exclude=("digest", "file", "text"),
                extra=("clausewise",),
            ),
        )
        if data["clausewise"] != FORMAT:
            r.fail(("clausewise",), f"expected {FORMAT!r}, found {data['clausewise']!r} (not a policy pack?)")
        pack_id = r.identifier(data["id"], ("id",))
        if expected_id is not None and pack_id != expected_id:
            r.fail(("id",), f"pack id {pack_id!r} does not match the file name (expected {expected_id!r})")
        for i, ddata in enumerate(r.items(data.get("definitions", []), ("definitions",), allow_empty=True)):
            ref = read_definition(r, self.parser, ddata, ("definitions", i))
            if ref.name in self.definitions:
                r.fail(("definitions", i, "name"), f"definition {ref.name!r} is already defined")
            self.definitions[ref.name] = ref
        scope = tuple(self._scope(s, ("scope", i)) for i, s in enumerate(r.items(data["scope"], ("scope",))))
        sources = self._sources(data["sources"])
        versions = self._versions(data["versions"], sources)
        rules = self._rules(data["rules"], versions)
        notices = tuple(
            self._notice(n, ("notices", i))
            for i, n in enumerate(r.items(data.get("notices", []), ("notices",), allow_empty=True))
        )
        own = {k: v for k, v in self.definitions.items() if k not in self.q.definitions}
        return PolicyPack(
            id=pack_id,
            title=r.text(data["title"], ("title",)),
            publisher=r.text(data["publisher"], ("publisher",)),
            description=r.text(data["description"], ("description",)),
            scope=scope,
            versions=versions,
            rules=rules,
            notices=notices,
            definitions=own,
            sources=sources,
            digest=pack_digest(text),
            file=r.file,
            text=text,
        )

    def _condition(self, data: Any, path: KeyPath) -> Condition:
        return self.parser.parse(data, path)

    def _scope(self, data: Any, path: KeyPath) -> ScopeTest:
        self.r.mapping(data, path, *keys_of(ScopeTest))
        return ScopeTest(
            self._condition(data["when"], (*path, "when")), self.r.text(data["otherwise"], (*path, "otherwise"))
        )

    def _notice(self, data: Any, path: KeyPath) -> Notice:
        r = self.r
        r.mapping(data, path, *keys_of(Notice))
        return Notice(
            r.identifier(data["id"], (*path, "id")),
            self._condition(data["when"], (*path, "when")),
            r.text(data["text"], (*path, "text")),
        )

    def _sources(self, data: Any) -> dict[str, Source]:
        r = self.r
        out: dict[str, Source] = {}
        for i, s in enumerate(r.items(data, ("sources",))):
            path = ("sources", i)
            r.mapping(s, path, *keys_of(Source, ("id", "publisher", "title", "retrieved")))
            sid = r.identifier(s["id"], (*path, "id"))
            if sid in out:
                r.fail((*path, "id"), f"source {sid!r} is defined twice")
            url = self._url(s, path)
            opt = {
                k: r.text(str(s[k]) if isinstance(s[k], dt.date) else s[k], (*path, k))
                for k in ("published", "obtained_from", "note")
                if k in s
            }
            retrieved = s["retrieved"]
            out[sid] = Source(
                id=sid,
                publisher=r.text(s["publisher"], (*path, "publisher")),
                title=r.text(s["title"], (*path, "title")),
                url=url,
                retrieved=r.text(str(retrieved) if isinstance(retrieved, dt.date) else retrieved, (*path, "retrieved")),
                **opt,
            )
        return out

    def _versions(self, data: Any, sources: dict[str, Source]) -> tuple[PackVersion, ...]:
        r = self.r
        versions: list[PackVersion] = []
        for i, v in enumerate(r.items(data, ("versions",))):
            path = ("versions", i)
            r.mapping(v, path, *keys_of(PackVersion, ("id", "title", "effective_from", "clauses")))
            vid = version_id(r, v["id"], (*path, "id"))
            if any(x.id == vid for x in versions):
                r.fail((*path, "id"), f"version {vid!r} is defined twice")
            start = r.date(v["effective_from"], (*path, "effective_from"))
            end = r.date(v["effective_to"], (*path, "effective_to")) if v.get("effective_to") is not None else None
            if end is not None and end < start:
                r.fail((*path, "effective_to"), f"ends ({end}) before it starts ({start})")
            if versions:
                prev = versions[-1]
                if start <= prev.effective_from:
                    r.fail((*path, "effective_from"), "versions must be listed in order of effective_from")
                if prev.effective_to is None:
                    # "in force until the next": the previous version ends the day before.
                    versions[-1] = PackVersion(
                        prev.id,
                        prev.title,
                        prev.effective_from,
                        start - dt.timedelta(days=1),
                        prev.clauses,
                        prev.url,
                        prev.note,
                    )
                elif prev.effective_to >= start:
                    r.fail(
                        (*path, "effective_from"), f"overlaps version {prev.id!r}, in force until {prev.effective_to}"
                    )
            clauses: dict[str, Clause] = {}
            for ci, c in enumerate(r.items(v["clauses"], (*path, "clauses"))):
                clause = self._clause(c, (*path, "clauses", ci), sources)
                if clause.id in clauses:
                    r.fail((*path, "clauses", ci, "id"), f"clause {clause.id!r} appears twice in this version")
                clauses[clause.id] = clause
            url = self._url(v, path)
            note = r.text(v["note"], (*path, "note")) if "note" in v else ""
            versions.append(PackVersion(vid, r.text(v["title"], (*path, "title")), start, end, clauses, url, note))
        return tuple(versions)

    def _url(self, data: dict[str, Any], path: KeyPath) -> str:
        if "url" not in data:
            return ""
        url = self.r.text(data["url"], (*path, "url"))
        if not url.startswith(("https://", "http://")):
            self.r.fail((*path, "url"), "a URL starts with https:// or http://")
        return url

    def _clause(self, c: Any, path: KeyPath, sources: dict[str, Source]) -> Clause:
        r = self.r
        r.mapping(c, path, *keys_of(Clause, ("id", "section", "text", "status", "source")))
        status = VerificationStatus(r.choice(c["status"], (*path, "status"), [s.value for s in VerificationStatus]))
        sid = r.text(c["source"], (*path, "source"))
        if sid not in sources:
            r.fail((*path, "source"), f"no source {sid!r} under 'sources'")
        text = c["text"]
        r.expect(text, str, (*path, "text"))
        if not text.strip():
            r.fail((*path, "text"), "must not be empty")
        # Verbatim: keep the text exactly as written, except the newline YAML adds at the end
        # of a block scalar.
        return Clause(
            id=r.identifier(c["id"], (*path, "id")),
            section=r.text(c["section"], (*path, "section")),
            text=text.rstrip("\n"),
            status=status,
            source=sources[sid],
            note=r.text(c["note"], (*path, "note")) if "note" in c else "",
        )

    def _rules(self, data: Any, versions: tuple[PackVersion, ...]) -> tuple[Rule, ...]:
        r = self.r
        by_id = {v.id: v for v in versions}
        rules: list[Rule] = []
        seen: set[tuple[str, str]] = set()
        for i, d in enumerate(r.items(data, ("rules",))):
            path = ("rules", i)
            r.mapping(d, path, *keys_of(Rule, ("id", "title", "clauses"), extra=_CASE_KEYS))
            rid = r.identifier(d["id"], (*path, "id"))
            if "versions" in d:
                vids = [
                    version_id(r, v, (*path, "versions", j))
                    for j, v in enumerate(r.items(d["versions"], (*path, "versions")))
                ]
                for j, vid in enumerate(vids):
                    if vid not in by_id:
                        r.fail(
                            (*path, "versions", j), f"no version {vid!r} in this pack (versions: {', '.join(by_id)})"
                        )
            else:
                vids = list(by_id)
            for vid in vids:
                if (rid, vid) in seen:
                    r.fail((*path, "id"), f"rule {rid!r} is already defined for version {vid!r}")
                seen.add((rid, vid))
            clauses = tuple(
                r.text(c, (*path, "clauses", j)) for j, c in enumerate(r.items(d["clauses"], (*path, "clauses")))
            )
            self._check_clauses(clauses, vids, by_id, (*path, "clauses"))
            when = self._condition(d["when"], (*path, "when")) if "when" in d else None
            if "cases" in d:
                for k in _CASE_KEYS:
                    if k in d:
                        r.fail(
                            (*path, k),
                            "a rule with 'cases' gives its verdict, explanation, notes and remedies in each case",
                        )
                cases = tuple(
                    self._case(c, (*path, "cases", j), vids, by_id, in_list=True)
                    for j, c in enumerate(r.items(d["cases"], (*path, "cases")))
                )
            else:
                single = {k: d[k] for k in _CASE_KEYS if k in d}
                for k in ("verdict", "explanation"):
                    if k not in d:
                        r.fail(path, f"missing key '{k}' (or give 'cases')")
                cases = (self._case(single, path, vids, by_id, in_list=False),)
            rules.append(Rule(rid, r.text(d["title"], (*path, "title")), frozenset(vids), clauses, when, cases))
        return tuple(rules)

    def _case(self, d: Any, path: KeyPath, vids: list[str], by_id: dict[str, PackVersion], *, in_list: bool) -> Case:
        r = self.r
        if in_list:
            r.mapping(d, path, *keys_of(Case, ("verdict", "explanation")))
        verdict = Verdict(r.choice(d["verdict"], (*path, "verdict"), [v.value for v in RULE_VERDICTS]))
        explanation = r.text(d["explanation"], (*path, "explanation"))
        self._check_template(explanation, (*path, "explanation"))
        clauses: tuple[str, ...] = ()
        if "clauses" in d:
            clauses = tuple(
                r.text(c, (*path, "clauses", j)) for j, c in enumerate(r.items(d["clauses"], (*path, "clauses")))
            )
            self._check_clauses(clauses, vids, by_id, (*path, "clauses"))
        notes = self._remarks(d, "notes", path)
        remedies = self._remarks(d, "remedies", path)
        return Case(
            verdict=verdict,
            explanation=explanation,
            when=self._condition(d["when"], (*path, "when")) if "when" in d else None,
            label=r.text(d["label"], (*path, "label")) if "label" in d else "",
            notes=notes,
            remedies=remedies,
            clauses=clauses,
        )

    def _remarks(self, d: dict[str, Any], key: str, path: KeyPath) -> tuple[Remark, ...]:
        """Notes or remedies: each a text, or ``{text, when}`` shown only when ``when`` holds."""
        r = self.r
        if key not in d:
            return ()
        items = [d[key]] if isinstance(d[key], str) else r.items(d[key], (*path, key))
        out = []
        for j, item in enumerate(items):
            ipath = (*path, key, j) if not isinstance(d[key], str) else (*path, key)
            if isinstance(item, dict):
                r.mapping(item, ipath, *keys_of(Remark))
                text = r.text(item["text"], (*ipath, "text"))
                when = self._condition(item["when"], (*ipath, "when"))
                self._check_template(text, (*ipath, "text"))
            else:
                text = r.text(item, ipath)
                when = None
                self._check_template(text, ipath)
            out.append(Remark(text, when))
        return tuple(out)

    def _check_clauses(
        self, clauses: tuple[str, ...], vids: list[str], by_id: dict[str, PackVersion], path: KeyPath
    ) -> None:
        for j, cid in enumerate(clauses):
            for vid in vids:
                if cid not in by_id[vid].clauses:
                    self.r.fail((*path, j), f"clause {cid!r} is not in version {vid!r}")

    def _check_template(self, text: str, path: KeyPath) -> None:
        for name in placeholders(text):
            if name not in self.q.fields:
                self.r.fail(path, f"placeholder {{{name}}} is not a field of the questionnaire")
        if has_stray_brace(text):
            self.r.fail(path, "unbalanced '{' or '}' in the text (placeholders look like {deployer.kind})")
