"""The precompiled bundled packs (core/precompiled.py, written by core/precompile.py) give exactly
what parsing the YAML gives, are used only when current and intact, and never written by the app."""

from __future__ import annotations

import ast
import dataclasses
import json
import os
import pickle
import shutil
import subprocess
import sys
import types
import zlib
from enum import Enum
from pathlib import Path

import pytest

from core import loading, precompile, precompiled
from core.errors import ScenarioError
from core.evaluator import evaluate
from core.loading import parse_bundled
from core.messages import read_catalogue_file
from core.packs import PackSet
from core.report_json import evaluation_to_json
from core.resources import example_paths, resources_dir
from core.scenario_file import load_scenario, parse_scenario

ROOT = Path(__file__).resolve().parents[2]
PACK = "packs/eu-ai-act-article-5.pack.yaml"


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    """A copy of the bundled inputs, laid out as a frozen app's resources (``<dir>/resources``)."""
    res = tmp_path / "app" / "resources"
    res.mkdir(parents=True)
    for name in ("questionnaire.yaml", "countries.yaml"):
        shutil.copy(resources_dir() / name, res / name)
    for folder in ("packs", "messages", "examples"):
        shutil.copytree(resources_dir() / folder, res / folder)
    return res


@pytest.fixture
def written(bundle: Path) -> Path:
    """``bundle`` with its precompiled file written."""
    precompile.write(bundle)
    assert precompiled.compiled_path(bundle).is_file()
    return bundle


def _same(a: object, b: object, pairs: dict[int, int], path: str = "") -> None:
    """Deep equality of two object graphs, every dataclass field included (even compare=False),
    and the same sharing: an object reached twice in one graph is reached twice in the other."""
    if id(a) in pairs:
        assert pairs[id(a)] == id(b), f"{path}: shared differently"
        return
    if isinstance(a, (str, int, float, bool, type(None), Enum)):
        assert type(a) is type(b) and a == b, f"{path}: {a!r} != {b!r}"
        return
    pairs[id(a)] = id(b)
    assert type(a) is type(b), f"{path}: {type(a)} != {type(b)}"
    if isinstance(a, types.MethodType):
        assert a.__func__ is b.__func__, path
        _same(a.__self__, b.__self__, pairs, f"{path}.__self__")
    elif dataclasses.is_dataclass(a):
        for f in dataclasses.fields(a):
            if f.name != "_plan":  # derived from the other fields, holds closures
                _same(getattr(a, f.name), getattr(b, f.name), pairs, f"{path}.{f.name}")
    elif isinstance(a, dict):
        assert list(a) == list(b), path  # same keys, same order
        for k in a:
            _same(a[k], b[k], pairs, f"{path}[{k!r}]")
    elif isinstance(a, (tuple, list)):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, pairs, f"{path}[{i}]")
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


def _loaded(resources: Path) -> PackSet:
    pre = precompiled.load(resources)
    assert pre is not None, "the precompiled file was not used"
    return PackSet(pre.questionnaire, pre.packs())


def test_the_precompiled_load_equals_the_parsed_load(written):
    """Every object, text, digest, path and line-derived value, and how they are shared."""
    parsed, loaded = parse_bundled(written), _loaded(written)
    _same(parsed, loaded, {})
    assert loaded == parsed and loaded.digests == parsed.digests
    assert [p.file for p in loaded] == [str(written / "packs" / Path(p.file).name) for p in parsed]
    assert loaded.questionnaire.source == str(written / "questionnaire.yaml")


def test_precompiled_packs_evaluate_every_example_as_parsed_packs_do(written):
    parsed, loaded = parse_bundled(written), _loaded(written)
    for path in example_paths():
        a = evaluate(load_scenario(path, parsed.questionnaire), parsed)
        b = evaluate(load_scenario(path, loaded.questionnaire), loaded)
        assert evaluation_to_json(a, parsed) == evaluation_to_json(b, loaded), path.name


def test_every_bundled_example_and_the_messages_are_exactly_as_parsed(written):
    """Each example's scenario, stored under its file's bytes, and the English catalogue."""
    pre = precompiled.load(written)
    assert pre is not None
    files = sorted((written / "examples").glob("*.scenario.yaml"))
    assert len(files) == len(example_paths()) >= 9
    for path in files:
        stored = pre.example(path.read_bytes())
        assert stored is not None, path.name
        assert type(stored.answers) is types.MappingProxyType
        _same(stored, parse_scenario(path.read_text(encoding="utf-8"), path, pre.questionnaire), {}, path.name)
    assert pre.messages == read_catalogue_file(written / "messages" / "en.yaml")


@pytest.fixture
def bundled_from(written, monkeypatch):
    """core.loading reading its bundled resources from ``written`` (not from the checkout)."""
    pre = precompiled.load(written)
    assert pre is not None
    monkeypatch.setattr(loading, "bundled", lambda: pre)
    return pre


def test_a_scenario_is_taken_precompiled_only_for_an_examples_exact_bytes(bundled_from, written, tmp_path):
    """Opened from anywhere with the bundled questionnaire, an example's bytes give the stored scenario;
    a changed byte, other line endings or another questionnaire object are parsed."""
    pre, example = bundled_from, written / "examples" / "body-cam-patrol-uk.scenario.yaml"
    raw = example.read_bytes()
    copy = tmp_path / "copy.scenario.yaml"
    copy.write_bytes(raw)
    assert loading.load_scenario(copy, pre.questionnaire) is pre.example(raw)
    variants = {
        "edited": raw.replace(b"title: ", b"title: Edited ", 1),
        "crlf": raw.replace(b"\n", b"\r\n"),
    }
    for name, data in variants.items():
        copy.write_bytes(data)
        got = loading.load_scenario(copy, pre.questionnaire)
        assert got is not pre.example(raw), name
        assert got == parse_scenario(data.decode("utf-8").replace("\r\n", "\n"), copy, pre.questionnaire), name
    assert loading.load_scenario(copy, pre.questionnaire).title.startswith("Edited") is False  # crlf: as the original
    copy.write_bytes(raw)
    other = parse_bundled(written).questionnaire  # equal, but not the bundled object
    got = loading.load_scenario(copy, other)
    assert got == pre.example(raw) and got is not pre.example(raw)


def test_a_missing_or_unreadable_scenario_fails_as_the_parser_says(bundled_from, tmp_path):
    pre = bundled_from
    for path in (tmp_path / "missing.scenario.yaml", tmp_path):
        with pytest.raises(ScenarioError) as fast:
            loading.load_scenario(path, pre.questionnaire)
        with pytest.raises(ScenarioError) as parsed:
            load_scenario(path, pre.questionnaire)
        assert str(fast.value) == str(parsed.value)


def test_each_call_gives_new_pack_objects_sharing_the_questionnaire(written):
    """As each parse does: no caller can change the packs another caller gets."""
    pre = precompiled.load(written)
    assert pre is not None
    first, second = pre.packs(), pre.packs()
    assert first == second and first[0] is not second[0]
    _same(PackSet(pre.questionnaire, first), PackSet(pre.questionnaire, second), {})


@pytest.mark.parametrize("name", [PACK, "questionnaire.yaml", "countries.yaml", "packs/index.yaml"])
def test_a_changed_input_makes_the_file_stale(written, name):
    path = written / name
    data = bytearray(path.read_bytes())
    data[data.index(b"\n") - 1] ^= 0x01  # one byte: the last of the first line
    path.write_bytes(bytes(data))
    assert precompiled.load(written) is None


def test_an_added_or_removed_pack_makes_the_file_stale(written):
    (written / "packs" / "gdpr-article-9.pack.yaml").unlink()
    assert precompiled.load(written) is None


def test_another_python_or_code_makes_the_file_stale(written, monkeypatch):
    header, _ = precompiled.split(precompiled.compiled_path(written).read_bytes())
    assert header is not None and "core/pack_loader.py" in header["code"]
    code = precompiled.code_digest(header["code"])
    assert precompiled.compute_key(written, code)[0] == header["key"]
    assert precompiled.code_digest(header["code"][1:]) != code
    assert precompiled.compute_key(written, precompiled.code_digest(header["code"][1:]))[0] != header["key"]
    monkeypatch.setattr(sys, "version", sys.version + " (another build)")
    assert precompiled.load(written) is None


def _corrupt(raw: bytes) -> dict[str, bytes]:
    """Ways a file can be damaged: truncated anywhere, a byte changed anywhere, or no such file."""
    body = raw.index(b"\n", len(precompiled.MAGIC) + 200) + 1
    cases = {f"truncated to {n}": raw[:n] for n in (0, 10, len(precompiled.MAGIC), body, len(raw) // 2, len(raw) - 1)}
    for where in (3, len(precompiled.MAGIC) + 5, body + 10, len(raw) // 2, len(raw) - 2):
        flipped = bytearray(raw)
        flipped[where] ^= 0x20
        cases[f"byte {where} changed"] = bytes(flipped)
    cases["garbage"] = os.urandom(len(raw))
    cases["appended"] = raw + b"x"
    return cases


def test_a_missing_truncated_or_corrupt_file_is_ignored(written):
    path = precompiled.compiled_path(written)
    raw = path.read_bytes()
    for case, data in _corrupt(raw).items():
        path.write_bytes(data)
        assert precompiled.load(written) is None, case
    path.unlink()
    assert precompiled.load(written) is None
    path.mkdir()  # unreadable: a directory in its place
    assert precompiled.load(written) is None


class _Evil:
    def __reduce__(self):
        return (os.system, ("touch pwned",))


def test_a_payload_naming_any_other_code_is_refused(written, tmp_path, monkeypatch):
    """Even with a matching key and digest, unpickling builds only model objects."""
    monkeypatch.chdir(tmp_path)
    path = precompiled.compiled_path(written)
    header, _ = precompiled.split(path.read_bytes())
    assert header is not None
    evil = pickle.dumps(_Evil())
    body = zlib.compress(evil)
    sizes = f"{len(evil)} 0 0"  # in the questionnaire's part, the first one unpickled
    lines = [header["key"], precompiled.digest([body]), sizes, " ".join(header["code"])]
    path.write_bytes(precompiled.MAGIC + "\n".join(lines).encode() + b"\n" + body)
    assert precompiled.split(path.read_bytes())[0] == header  # intact: refused only for what it names
    assert precompiled.load(written) is None
    assert not (tmp_path / "pwned").exists()


def test_writing_refuses_broken_packs_and_leaves_no_file(written):
    (written / PACK).write_text("clausewise: pack/1\nid: [\n", encoding="utf-8")
    with pytest.raises(Exception, match="not valid YAML"):
        precompile.write(written)
    assert not precompiled.compiled_path(written).exists()


def test_the_check_command_says_whether_the_file_is_current(written, capsys):
    assert precompile.main(["--check", str(written)]) == 0
    (written / PACK).write_bytes((written / PACK).read_bytes() + b"\n")
    assert precompile.main(["--check", str(written)]) == 1
    assert "missing or stale" in capsys.readouterr().out
    assert precompile.main([str(written)]) == 0
    assert precompiled.load(written) is not None


_APP = """
import json, sys
sys._MEIPASS = sys.argv[1]  # resources_dir() is <argv[1]>/resources, as in the frozen app
if len(sys.argv) > 2:  # frozen: no sources to check, the code digest comes from the stamp module
    sys.frozen = True
    sys.path.insert(0, sys.argv[2])
import core
from pathlib import Path
from core.messages import catalogue
packs = core.load_packs()
example = sorted(Path(sys.argv[1], "resources", "examples").glob("*.scenario.yaml"))[0]
core.evaluate(core.load_scenario(example, packs.questionnaire), packs)
catalogue().ids()
fast_yaml = "yaml" in sys.modules
questionnaire = core.load_questionnaire()
other = core.load_packs(sys.argv[1] + "/resources/packs")
print(json.dumps({
    "titles": {p.id: p.title for p in packs}, "digests": packs.digests,
    "same_questionnaire": packs.questionnaire is questionnaire, "yaml_on_fast_path": fast_yaml,
    "other_equal": other == packs, "other_files": [p.file for p in other],
}))
"""


def _app(bundle: Path, stamp: Path | None = None) -> dict:
    """What the app's start-up path loads from ``bundle`` (in a fresh process; frozen, with the
    code digest module in ``stamp``, if given)."""
    args = [sys.executable, "-c", _APP, str(bundle.parent), *([str(stamp)] if stamp else [])]
    proc = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout)


def test_the_app_uses_a_current_file_without_a_yaml_parser(written):
    seen = _app(written)
    assert seen["digests"] == parse_bundled(written).digests
    assert seen["same_questionnaire"] and seen["other_equal"]
    assert seen["yaml_on_fast_path"] is False
    assert all(f.startswith(str(written / "packs")) for f in seen["other_files"])


def test_a_frozen_app_checks_the_code_digest_its_build_compiled_in(written, tmp_path):
    stamp = precompile.write_stamp(tmp_path / "stamp")
    seen = _app(written, stamp.parent)
    assert seen["yaml_on_fast_path"] is False and seen["digests"] == parse_bundled(written).digests
    stamp.write_text('CODE_DIGEST = "' + "0" * 64 + '"\n', encoding="utf-8")  # another build's code
    assert _app(written, stamp.parent)["yaml_on_fast_path"] is True
    stamp.unlink()  # no digest compiled in
    seen = _app(written, stamp.parent)
    assert seen["yaml_on_fast_path"] is True and seen["digests"] == parse_bundled(written).digests


def test_a_stale_file_is_ignored_and_the_change_is_loaded(written):
    """One byte of one pack changed: the app loads the changed pack and leaves the file alone."""
    path = written / PACK
    text = path.read_text(encoding="utf-8")
    title = parse_bundled(written).get("eu-ai-act-article-5").title
    path.write_text(text.replace(f"title: {title}", f"title: {title[:-1]}X", 1), encoding="utf-8")
    before = precompiled.compiled_path(written).read_bytes()
    seen = _app(written)
    assert seen["titles"]["eu-ai-act-article-5"] == title[:-1] + "X"
    assert seen["digests"] == parse_bundled(written).digests
    assert precompiled.compiled_path(written).read_bytes() == before


def test_the_app_never_writes_the_file(bundle):
    seen = _app(bundle)
    assert seen["yaml_on_fast_path"] is True  # parsed: there is no precompiled file
    assert not precompiled.compiled_path(bundle).exists()
    assert sorted(p.name for p in bundle.iterdir()) == [
        *("countries.yaml", "examples", "messages", "packs", "questionnaire.yaml")
    ]


def test_only_the_build_command_writes_the_file():
    """Nothing in core or gui imports the writer, core.precompile (run as ``python -m``)."""
    offenders = []
    for path in [*(ROOT / "core").rglob("*.py"), *(ROOT / "gui").rglob("*.py")]:
        if path.name == "precompile.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom):
                names = [f"{node.module}.{a.name}" for a in node.names] + [str(node.module)]
            offenders += [f"{path}: {n}" for n in names if n.startswith("core.precompile") and "precompiled" not in n]
    assert offenders == []


def test_the_key_covers_every_core_module_the_loaders_import():
    """A fresh process that imports the loaders imports no core module the key leaves out."""
    script = (
        "import sys, core.loading, core.pack_loader, core.questionnaire_loader, core.precompile\n"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('core.')))"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    imported = {Path(f).resolve().relative_to(ROOT).as_posix() for f in out.split()}
    assert imported <= set(precompile.code_files())
    assert {"core/yaml_compose.py", "core/condition_parser.py", "core/conditions.py"} <= imported
