"""Syntax errors in YAML files, explained for people who do not write YAML every day.

PyYAML reports problems in parser terms ("did not find expected key") at the place where it
gave up. :func:`explain_syntax_error` turns the common ones into what to fix and where;
:func:`enclosing_key` names the key path around the line, read from indentation alone, since no
parsed document exists after a syntax error.
"""

from __future__ import annotations

import yaml


def explain_syntax_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, int | None]:
    """PyYAML's complaint in words a non-programmer can act on, and the line to look at."""
    problem = (exc.problem or exc.context or "invalid YAML").strip().splitlines()[0]
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    opened = exc.context_mark.line + 1 if exc.context_mark else line
    column = mark.column + 1 if mark else None
    lines = text.splitlines()
    char = ""
    if mark and mark.line < len(lines) and mark.column < len(lines[mark.line]):
        char = lines[mark.line][mark.column]
    if "cannot start any token" in problem:
        if char == "\t" or "'\\t'" in problem:
            return "a tab character; indent with spaces, not tabs", line
        return f"'{char}' cannot start a value (column {column}); put the value in quotes", line
    if "flow sequence" in context:
        return f"the list opened with '[' on line {opened} is not closed with ']'", opened
    if "flow mapping" in context:
        return f"the mapping opened with '{{' on line {opened} is not closed with '}}'", opened
    if "quoted scalar" in context:
        return f"the quotation mark opened on line {opened} is never closed", opened
    if problem.startswith("mapping values are not allowed"):
        return (
            f"unexpected ':' at column {column}; text that contains ': ' must be in quotes, "
            "and a key must line up with the keys above it",
            line,
        )
    if problem.startswith("could not find expected ':'"):
        return f"line {opened} is neither 'key: value' nor a list item ('- value')", opened
    if problem.startswith(("expected <block end>", "did not find expected key", "did not find expected '-'")):
        return "this line's indentation does not line up with the lines above it", line
    return problem, line


def enclosing_key(text: str, line: int, *, own: bool = False) -> str | None:
    """The key path in force at ``line`` (1-based), read from indentation alone; with ``own``,
    including the key written on that line.

    Used to name the key near a syntax error, where no parsed document exists. A heuristic:
    flow collections and multi-line strings are not understood.
    """
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None

    def level(raw: str) -> int:  # a tab (not allowed by YAML) counts as what the writer meant: indentation
        return len(raw) - len(raw.lstrip(" \t"))

    def key_of(raw: str) -> str | None:
        key, sep, _ = raw.strip().lstrip("-").strip().partition(":")
        key = key.strip().strip("'\"")
        return key if sep and key and " " not in key else None

    def meaningful(i: int) -> bool:
        stripped = lines[i].strip()
        return bool(stripped) and not stripped.startswith("#")

    def index_of(i: int) -> int:
        """Position of the list item on line ``i`` among the items above it in the same list."""
        siblings, lv = 0, level(lines[i])
        for j in range(i - 1, -1, -1):
            if not meaningful(j):
                continue
            if level(lines[j]) < lv or (level(lines[j]) == lv and not lines[j].lstrip(" \t").startswith("-")):
                break
            siblings += level(lines[j]) == lv
        return siblings

    target = lines[line - 1]
    path: list[str | int] = []
    target_is_item = target.lstrip(" \t").startswith("-")
    if own and key_of(target):
        path = [index_of(line - 1), key_of(target) or ""] if target_is_item else [key_of(target) or ""]
    elif own and target_is_item:
        path = [index_of(line - 1)]
    indent = level(target) if target.strip() else 1 << 30
    parent_may_share_indent = target_is_item
    for i in range(line - 2, -1, -1):
        if not meaningful(i):
            continue
        raw, lv = lines[i], level(lines[i])
        is_item = raw.lstrip(" \t").startswith("-")
        if not (lv < indent or (parent_may_share_indent and lv == indent and not is_item)):
            continue
        if is_item:  # the list item that contains the line
            inline = key_of(raw)  # "- key:" opening a block: the line may be under that key
            content = lv + len(raw.lstrip(" \t")) - len(raw.lstrip(" \t")[1:].lstrip(" "))
            opens_block = inline is not None and not raw.partition(":")[2].strip()
            under_inline = indent > content or (indent == content and parent_may_share_indent)
            path[:0] = [index_of(i), inline] if opens_block and under_inline and inline else [index_of(i)]
            indent, parent_may_share_indent = lv, True
            continue
        key = key_of(raw)
        if key is None:
            break
        path.insert(0, key)
        indent, parent_may_share_indent = lv, False
        if lv == 0:
            break
    return _format(path) or None


def _format(path: list[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out
