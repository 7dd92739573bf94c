"""Syntax errors in YAML files, explained for people who do not write YAML every day.

PyYAML reports problems in parser terms ("did not find expected key") at the place where it
gave up. :func:`explain_syntax_error` turns the common ones into what to fix and where;
:func:`enclosing_key` names the key path around the line, read from indentation alone, since no
parsed document exists after a syntax error.
"""

from __future__ import annotations

import yaml


def explain_syntax_error(exc: yaml.MarkedYAMLError, text: str) -> tuple[str, int | None, bool]:
    """PyYAML's complaint in words a non-programmer can act on, the line to look at, and whether
    the fault is in that line's own value (so that its key is the one to name)."""
    problem = (exc.problem or exc.context or "invalid YAML").strip().splitlines()[0]
    context = (exc.context or "").strip()
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
    opened = exc.context_mark.line + 1 if exc.context_mark else line
    at = (text.splitlines()[mark.line : mark.line + 1] or [""])[0] if mark else ""
    char = at[mark.column] if mark and mark.column < len(at) else ""
    indentation = len(at) - len(at.lstrip(" \t"))
    found = _whole_file_problem(problem, char, line)
    if found is not None:
        return found
    if "alias" in context or "anchor" in context:
        sign = "*" if "alias" in context else "&"
        return f"'{sign}' starts a YAML reference; put text that starts with '{sign}' in quotes", opened, True
    if "cannot start any token" in problem:
        return f"'{char}' cannot start a value (column {column}); put the value in quotes", line, True
    if "quoted scalar" in context:
        if "end of stream" in problem or "unexpected end" in problem:
            return f"the quotation mark opened on line {opened} is never closed", opened, True
        if "escape" in problem or "hex" in problem:
            return (
                f"a backslash inside double quotes starts an escape sequence (column {column}); "
                "use single quotes for text with backslashes, or write each backslash twice",
                line,
                True,
            )
        return f"in the quoted text opened on line {opened}: {problem}", opened, True
    if "flow sequence" in context or "flow mapping" in context:
        close = "]" if "sequence" in context else "}"
        what = "list opened with '['" if close == "]" else "mapping opened with '{'"
        later_line = mark is not None and mark.line > (exc.context_mark or mark).line
        if "stream end" in problem or (later_line and (":" in at or not at.strip())):
            return f"the {what} on line {opened} is not closed with '{close}'", opened, True
        return f"expected ',' or '{close}' at column {column}: is a comma missing?", line, True
    if problem.startswith("mapping values are not allowed"):
        return (
            f"unexpected ':' at column {column}; text that contains ': ' must be in quotes, "
            "and a key must line up with the keys above it",
            line,
            True,
        )
    if problem.startswith("block sequence entries are not allowed"):
        return (
            f"a list item ('- ') cannot follow a key on the same line (column {column}); start the list on "
            "the next line, or put the text in quotes",
            line,
            True,
        )
    if "block scalar" in context:
        return "after '|' or '>' the text must start on the next line, indented", opened, True
    if problem.startswith("could not find expected ':'"):
        return f"line {opened} is neither 'key: value' nor a list item ('- value')", opened, False
    if problem.startswith(("expected <block end>", "did not find expected key", "did not find expected '-'")):
        if mark is not None and mark.column > indentation:
            return f"unexpected text at column {column} after the value; put the whole value in quotes", line, True
        return "this line's indentation does not line up with the lines above it", line, False
    return problem, line, False


def _whole_file_problem(problem: str, char: str, line: int | None) -> tuple[str, int | None, bool] | None:
    """Faults of the file's structure rather than of one value: nesting, references, documents, tabs."""
    if "maximum nesting depth" in problem:
        return "lists and mappings nested too deeply ('[' or '{' inside each other)", line, True
    if problem.startswith("found undefined alias"):
        name = problem.removeprefix("found undefined alias").strip().strip("'\"")
        return (
            f"'*{name}' refers to a value marked '&{name}', but there is none above; "
            "put text that starts with '*' in quotes",
            line,
            True,
        )
    if problem.startswith("but found another document"):
        return "a second document starts here ('---' or '...'); a file holds one document", line, False
    if "tab" in problem or char == "\t":
        return "a tab character; indent with spaces, not tabs", line, False
    return None


def enclosing_key(text: str, line: int, *, own: bool = False) -> str | None:
    """The key path in force at ``line`` (1-based), read from indentation alone; with ``own``,
    including the key written on that line.

    Used to name the key near a syntax error, where no parsed document exists. A heuristic:
    flow collections and multi-line strings are not understood.
    """
    lines = text.removeprefix("\ufeff").splitlines()
    if not 1 <= line <= len(lines):
        return None
    while True:  # a line that continues its parent's value is read as that parent's line
        target = lines[line - 1]
        parent = next(
            (i for i in range(line - 2, -1, -1) if _meaningful(lines[i]) and _level(lines[i]) < _level(target)), None
        )
        if parent is None or not _inline_value(lines[parent]) or _key_column(lines[parent]) >= _level(target):
            break
        # The line continues the parent's value (plain text over two lines, or a '|' or '>' block):
        # a "Word:" in it is text, not a key.
        line, own = parent + 1, True
    return _key_path(lines, line, own)


def _level(raw: str) -> int:
    """Indentation; a tab (not allowed by YAML) counts as what the writer meant: indentation."""
    return len(raw) - len(raw.lstrip(" \t"))


def _is_item(raw: str) -> bool:
    """Whether the line is a list item ("- value"; "---" and "-1" are not)."""
    body = raw.lstrip(" \t")
    return body == "-" or body.startswith(("- ", "-\t"))


def _meaningful(raw: str) -> bool:
    stripped = raw.strip()
    return bool(stripped) and not stripped.startswith("#")


def _key_path(lines: list[str], line: int, own: bool) -> str | None:
    """The key path at ``line`` read from indentation (see :func:`enclosing_key`)."""

    level = _level

    def key_of(raw: str) -> str | None:
        key, sep, _ = raw.strip().lstrip("-").strip().partition(":")
        key = key.strip().strip("'\"")
        return key if sep and key and " " not in key else None

    def meaningful(i: int) -> bool:
        return _meaningful(lines[i])

    def index_of(i: int) -> int:
        """Position of the list item on line ``i`` among the items above it in the same list."""
        siblings, lv = 0, level(lines[i])
        for j in range(i - 1, -1, -1):
            if not meaningful(j):
                continue
            if level(lines[j]) < lv or (level(lines[j]) == lv and not _is_item(lines[j])):
                break
            siblings += level(lines[j]) == lv
        return siblings

    target = lines[line - 1]
    path: list[str | int] = []
    target_is_item = _is_item(target)
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
        is_item = _is_item(raw)
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


def _key_column(raw: str) -> int:
    """Column of the key on a "key: value" or "- key: value" line."""
    body = raw.lstrip(" \t")
    if body.startswith("-"):
        body = body[1:].lstrip(" ")
    return len(raw) - len(body)


def _inline_value(raw: str) -> bool:
    """Whether a "key: value" line carries its value (text, a quoted string, a '|' or '>' block,
    or a '[' or '{' collection) rather than opening a nested block."""
    body = raw.strip().lstrip("-").strip()
    key, sep, value = body.partition(":")
    value = value.strip()
    if not sep or not key.strip() or " " in key.strip().strip("'\"") or not value or value.startswith("#"):
        return False
    return not value.startswith(("&", "!"))


def _format(path: list[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else ("." if out else "") + part
    return out
