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
from core.yaml_compose import MAX_DEPTH, compose
from core.yaml_errors import enclosing_key, explain_syntax_error

MAX_VALUES = 200_000
"""Values a document may expand to. Aliases (``*name``) can multiply a few hundred bytes into
billions of values; the bundled packs expand to a few thousand."""

KeyPath = tuple[str | int, ...]


def _scalar_hints() -> dict[str, str]:
    """The standard scalar tags a file may write, with what their values look like."""
    return {
        "str": "",
        "null": "",
        "bool": " (write true or false)",
        "int": " (write a whole number)",
        "float": " (write a number)",
        "timestamp": " (write a date as YYYY-MM-DD)",
    }


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


def parse_yaml(text: str, file: str | Path, error_class: type[InputError] = InputError) -> tuple[Any, SourceMap]:
    """Parse one YAML document into plain values plus a :class:`SourceMap`.

    Raises ``error_class`` (naming file and line) on a syntax error, a duplicate key, a tag other
    than YAML's standard ones, nesting or references beyond the limits of :mod:`core.yaml_compose`
    and :data:`MAX_VALUES` — and never anything else.
    """
    smap = SourceMap(str(file))
    try:
        composed = compose(text, file, error_class)
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
    except UnicodeEncodeError as exc:  # text that came from elsewhere than a file (a draft, an attachment)
        raise error_class(
            f"not valid text: the character U+{ord(text[exc.start]):04X} cannot be written in UTF-8",
            file=file,
            line=text[: exc.start].count("\n") + 1,
        ) from None
    if composed.root is None:
        return None, smap
    return _Builder(smap, error_class, composed.explicit).build(composed.root, (), 0), smap


_TOO_DEEP = f"nested more than {MAX_DEPTH} levels deep through references ('*' or '<<')"
_STANDARD = "tag:yaml.org,2002:"
_SCALAR_TAGS = {_STANDARD + t: hint for t, hint in _scalar_hints().items()}
_COLLECTION_TAGS: dict[type, str] = {yaml.SequenceNode: _STANDARD + "seq", yaml.MappingNode: _STANDARD + "map"}
_KINDS: dict[type, str] = {
    yaml.ScalarNode: "a single value",
    yaml.SequenceNode: "a list",
    yaml.MappingNode: "a mapping",
}


def tag_name(tag: str) -> str:
    """A tag as it is written in a file: ``tag:yaml.org,2002:bool`` is ``!!bool``."""
    return "!!" + tag.removeprefix(_STANDARD) if tag.startswith(_STANDARD) else tag


class _Builder:
    """Turns a composed node tree into dicts, lists and scalars, recording lines."""

    def __init__(self, smap: SourceMap, error_class: type[InputError], explicit: set[int]) -> None:
        self.smap = smap
        self.error_class = error_class
        self.explicit = explicit
        self.constructor = yaml.constructor.SafeConstructor()
        self.values = 0

    def fail(self, node: yaml.Node, path: KeyPath, message: str) -> InputError:
        return self.error_class(
            message, file=self.smap.file, key=format_key(path) or None, line=node.start_mark.line + 1
        )

    def build(self, node: yaml.Node, path: KeyPath, depth: int) -> Any:
        """The plain value of ``node``; ``depth`` counts the lists, mappings and merges it is inside."""
        self.values += 1
        if self.values > MAX_VALUES:
            raise self.error_class(
                f"expands to more than {MAX_VALUES:,} values (aliases nested too deeply?)",
                file=self.smap.file,
                line=node.start_mark.line + 1,
            )
        if depth > MAX_DEPTH:
            raise self.fail(node, path[:3], _TOO_DEEP)
        self.smap.lines.setdefault(path, node.start_mark.line + 1)
        self._check_tag(node, path)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, path)

    def _check_tag(self, node: yaml.Node, path: KeyPath) -> None:
        """Refuse a tag written in the file unless it is a standard YAML tag that fits the value."""
        if id(node) not in self.explicit:
            return
        fits = (
            node.tag in _SCALAR_TAGS if isinstance(node, yaml.ScalarNode) else node.tag == _COLLECTION_TAGS[type(node)]
        )
        if fits:
            return
        name = tag_name(node.tag)
        if node.tag in _SCALAR_TAGS or node.tag in _COLLECTION_TAGS.values():
            raise self.fail(node, path, f"the YAML tag {name} cannot mark {_KINDS[type(node)]}; remove the tag")
        raise self.fail(
            node,
            path,
            f"unknown YAML tag {name}; remove it (Clausewise files hold only text, numbers, "
            "true/false, dates, lists and mappings)",
        )

    def _mapping(self, node: yaml.MappingNode, path: KeyPath, depth: int) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                # "<<: *anchor" copies the keys of another mapping; keys written here win.
                sources = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                for source in sources:
                    if not isinstance(source, yaml.MappingNode):
                        raise self.fail(key_node, path, "'<<' must refer to a mapping")
                    if depth + 1 > MAX_DEPTH:
                        raise self.fail(key_node, path[:3], _TOO_DEEP)
                    for key, value in self._mapping(source, path, depth + 1).items():
                        merged.setdefault(key, value)
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.fail(key_node, path, "a key must be plain text")
            self._check_tag(key_node, path)
            key = key_node.value
            if key in result:
                raise self.fail(key_node, (*path, key), "duplicate key (each key may appear only once)")
            self.smap.lines[(*path, key)] = line
            result[key] = self.build(value_node, (*path, key), depth + 1)
        for key, value in merged.items():
            result.setdefault(key, value)
        return result

    def _scalar(self, node: yaml.ScalarNode, path: KeyPath) -> Any:
        self.smap.raw[path] = (node.value, not node.style)
        try:
            return self.constructor.construct_object(node)
        except Exception:  # PyYAML's constructors fail on odd text in many ways (IndexError on "!!int ''")
            if id(node) in self.explicit:  # "!!bool maybe", "!!timestamp soon": the writer asked for a type
                hint = _SCALAR_TAGS.get(node.tag, "")
                raise self.fail(
                    node, path, f"{_clip(node.value)!r} cannot be read as {tag_name(node.tag)}{hint}"
                ) from None
            # e.g. 2024-02-30 matches the timestamp pattern but is no date: keep the text
            # and let the validator say what is wrong with it.
            return node.value


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
