"""YAML loading that remembers where every key came from.

PyYAML's composer keeps a line number on every node; we convert the node tree to plain
Python values ourselves so that validators can name the file, the key path and the line of
anything they reject. Duplicate keys (silently accepted by PyYAML) are errors here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from core.errors import InputError
from core.yaml_errors import enclosing_key, explain_syntax_error

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 4 * 1024 * 1024
"""Larger files are refused: no scenario, pack or questionnaire comes near this."""
MAX_VALUES = 200_000
"""Values a document may expand to. Aliases (``*name``) can multiply a few hundred bytes into
billions of values; the bundled packs expand to a few thousand."""

KeyPath = tuple[str | int, ...]


def format_key(path: KeyPath) -> str:
    """Render a key path as ``rules[2].when.all[0]``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + part
    return out


@dataclass
class SourceMap:
    """Where each key path of a loaded document was written.

    ``lines`` maps a key path to the 1-based line of its key (or list item); ``raw`` maps the
    key path of a scalar to its text as written and whether it was plain (unquoted).
    """

    file: str
    lines: dict[KeyPath, int] = field(default_factory=dict)
    raw: dict[KeyPath, tuple[str, bool]] = field(default_factory=dict)

    def line(self, path: KeyPath) -> int | None:
        """Line of ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), None)

    def error(self, cls: type[InputError], path: KeyPath, message: str) -> InputError:
        """Build an error of class ``cls`` located at ``path`` in this file."""
        return cls(message, file=self.file, key=format_key(path) or None, line=self.line(path))


def read_text(path: Path, error_class: type[InputError] = InputError) -> str:
    """Read a UTF-8 text file (line endings made "\\n"), turning OS and decoding errors into user errors."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise error_class(f"too large ({path.stat().st_size:,} bytes; the limit is {MAX_BYTES:,})", file=path)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error_class("no such file", file=path) from None
    except IsADirectoryError:
        raise error_class("is a directory, not a file", file=path) from None
    except OSError as exc:
        raise error_class(f"cannot read: {exc.strerror}", file=path) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise error_class(
            f"not UTF-8 text: byte 0x{raw[exc.start]:02X} at column {column} cannot be read"
            " (is it a binary file, or saved in another encoding?)",
            file=path,
            line=line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, file: str | Path, error_class: type[InputError] = InputError) -> tuple[Any, SourceMap]:
    """Parse one YAML document into plain values plus a :class:`SourceMap`.

    Raises ``error_class`` (naming file and line) on a syntax error or duplicate key.
    """
    smap = SourceMap(str(file))
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        message, line, own = explain_syntax_error(exc, text)
        key = enclosing_key(text, line, own=own) if line else None
        raise error_class(f"not valid YAML: {message}", file=file, key=key, line=line) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow, e.g. a control character
        line = text[: exc.position].count("\n") + 1 if isinstance(exc.position, int) else None
        char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        raise error_class(
            f"not valid YAML: the control character U+{char:04X} is not allowed in a text file (is it a binary file?)",
            file=file,
            line=line,
        ) from None
    except yaml.YAMLError as exc:
        raise error_class(f"not valid YAML: {str(exc).splitlines()[0]}", file=file) from None
    if node is None:
        return None, smap
    builder = _Builder(smap, error_class)
    return builder.build(node, ()), smap


class _Builder:
    """Turns a composed node tree into dicts, lists and scalars, recording lines."""

    def __init__(self, smap: SourceMap, error_class: type[InputError]) -> None:
        self.smap = smap
        self.error_class = error_class
        self.constructor = yaml.constructor.SafeConstructor()
        self.values = 0

    def build(self, node: yaml.Node, path: KeyPath) -> Any:
        self.values += 1
        if self.values > MAX_VALUES:
            raise self.error_class(
                f"expands to more than {MAX_VALUES:,} values (aliases nested too deeply?)",
                file=self.smap.file,
                line=node.start_mark.line + 1,
            )
        self.smap.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _mapping(self, node: yaml.MappingNode, path: KeyPath) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                # "<<: *anchor" copies the keys of another mapping; keys written here win.
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for source in sources:
                    if not isinstance(source, yaml.MappingNode):
                        raise self.error_class(
                            "'<<' must refer to a mapping",
                            file=self.smap.file,
                            key=format_key(path) or None,
                            line=line,
                        )
                    for key, value in self._mapping(source, path).items():
                        merged.setdefault(key, value)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.error_class(
                    "a key must be plain text",
                    file=self.smap.file,
                    key=format_key(path) or None,
                    line=line,
                )
            key = key_node.value
            if key in result:
                raise self.error_class(
                    "duplicate key (each key may appear only once)",
                    file=self.smap.file,
                    key=format_key((*path, key)),
                    line=line,
                )
            self.smap.lines[(*path, key)] = line
            result[key] = self.build(value_node, (*path, key))
        for key, value in merged.items():
            result.setdefault(key, value)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        self.smap.raw[path] = (node.value, not node.style)
        try:
            return self.constructor.construct_object(node)
        except (ValueError, yaml.constructor.ConstructorError):
            # e.g. 2024-02-30 matches the timestamp pattern but is no date: keep the text
            # and let the validator say what is wrong with it.
            return node.value
