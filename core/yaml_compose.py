"""YAML events composed into a node tree, within limits a hostile file cannot get round.

PyYAML's composers recurse once per nesting level (a few hundred levels exhaust Python's stack)
and follow an alias to the value that contains it (``&a [*a]``) into an endless structure.
:func:`compose` builds the same nodes as ``yaml.compose`` from the parser's event stream with a
loop, and refuses, with the line: nesting deeper than :data:`MAX_DEPTH`, more than
:data:`MAX_NODES` values, and an alias inside the value it names. Syntax errors are PyYAML's
own (``yaml.MarkedYAMLError``), so that they can be explained as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import ComposerError
from yaml.events import AliasEvent, MappingEndEvent, MappingStartEvent, ScalarEvent, SequenceEndEvent, StreamEndEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from core.errors import InputError
from core.yaml_errors import enclosing_key

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 100
"""Lists and mappings inside each other; the bundled files go about a dozen levels deep."""
MAX_NODES = 200_000
"""Values written in one document (aliases not counted: see ``yamlsource.MAX_VALUES``)."""


@dataclass
class Composed:
    """The root node (None for an empty document) and the nodes whose tag was written explicitly."""

    root: Node | None
    explicit: set[int] = field(default_factory=set)
    """``id()`` of each node written with a tag (``!!bool maybe``); the others carry the resolver's tag."""


@dataclass
class _Open:
    node: SequenceNode | MappingNode
    anchor: str | None
    key: Node | None = None


class _Composer:
    def __init__(self, text: str, file: str | Path, error_class: type[InputError]) -> None:
        self.text, self.file, self.error_class = text, file, error_class
        self.resolver = yaml.resolver.Resolver()
        self.anchors: dict[str, Node] = {}
        self.open: list[_Open] = []
        self.result = Composed(None)
        self.nodes = 0

    def fail(self, message: str, mark: Any, key_mark: Any = None) -> InputError:
        """An error at ``mark``, naming the key written at ``key_mark`` (default: the same place)."""
        key = enclosing_key(self.text, (key_mark or mark).line + 1, own=True)
        return self.error_class(message, file=self.file, key=key, line=mark.line + 1)

    def document(self, loader: Any) -> Node:
        """Compose the events of one document (after its DocumentStartEvent) into its root node."""
        while True:
            event = loader.get_event()
            if isinstance(event, (SequenceEndEvent, MappingEndEvent)):
                closed = self.open.pop()
                closed.node.end_mark = event.end_mark
                if self.open:
                    continue
                return closed.node
            node = self.alias(event) if isinstance(event, AliasEvent) else self.node(event)
            is_root = self.attach(node)
            if isinstance(node, (SequenceNode, MappingNode)) and not isinstance(event, AliasEvent):
                self.open.append(_Open(node, event.anchor))
            elif is_root:
                return node

    def alias(self, event: Any) -> Node:
        if event.anchor not in self.anchors:
            raise ComposerError(None, None, f"found undefined alias {event.anchor!r}", event.start_mark)
        if any(o.anchor == event.anchor for o in self.open):
            raise self.fail(
                f"the reference *{event.anchor} is inside the value it refers to (&{event.anchor}); "
                "a value cannot contain itself",
                event.start_mark,
            )
        return self.anchors[event.anchor]

    def node(self, event: Any) -> Node:
        """A new node for a scalar or the start of a list or mapping (``event``)."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fail(
                f"holds more than {MAX_NODES:,} values; no Clausewise file comes near this", event.start_mark
            )
        anchor = event.anchor
        if anchor is not None and anchor in self.anchors:
            raise ComposerError(
                f"found duplicate anchor {anchor!r}; first occurrence",
                self.anchors[anchor].start_mark,
                "second occurrence",
                event.start_mark,
            )
        scalar = isinstance(event, ScalarEvent)
        kind: Any = ScalarNode if scalar else MappingNode if isinstance(event, MappingStartEvent) else SequenceNode
        tag, explicit = event.tag, event.tag not in (None, "!")
        if not explicit:
            tag = self.resolver.resolve(kind, event.value if scalar else None, event.implicit)
        if scalar:
            node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        elif len(self.open) >= MAX_DEPTH:
            outer = self.open[min(2, len(self.open) - 1)].node.start_mark  # where the deep value starts
            raise self.fail(f"lists and mappings nested more than {MAX_DEPTH} levels deep", event.start_mark, outer)
        else:
            node = kind(tag, [], event.start_mark, None, flow_style=event.flow_style)
        if explicit:
            self.result.explicit.add(id(node))
        if anchor is not None:
            self.anchors[anchor] = node
        return node

    def attach(self, node: Node) -> bool:
        """Put ``node`` in the collection being composed; True when it is the document's root."""
        if not self.open:
            return True
        parent = self.open[-1]
        if isinstance(parent.node, SequenceNode):
            parent.node.value.append(node)
        elif parent.key is None:
            parent.key = node
        else:
            parent.node.value.append((parent.key, node))
            parent.key = None
        return False


def compose(text: str, file: str | Path, error_class: type[InputError]) -> Composed:
    """Compose the single YAML document in ``text`` (see the module docstring for the limits)."""
    loader = _Loader(text)
    try:
        composer = _Composer(text, file, error_class)
        loader.get_event()  # StreamStartEvent
        if loader.check_event(StreamEndEvent):
            return composer.result
        start = loader.get_event()  # DocumentStartEvent
        composer.result.root = composer.document(loader)
        loader.get_event()  # DocumentEndEvent
        if not loader.check_event(StreamEndEvent):
            event = loader.get_event()
            raise ComposerError(
                "expected a single document in the stream",
                start.start_mark,
                "but found another document",
                event.start_mark,
            )
        return composer.result
    finally:
        loader.dispose()
