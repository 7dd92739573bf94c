"""A stamp or annotation added after the memo was signed may not cover what the memo shows.

A countersignature is allowed to add its own visible stamp (pyHanko's difference analysis calls that
"form filling"). But a stamp is a picture of anything, at any place: a trusted countersigner, or
anyone with a trusted key, could paint "NO PROHIBITION FOUND" over the verdict box of page 1 and
the memo would still verify. So every annotation (a stamp is a widget annotation) that exists now
but did not exist, with the same rectangle, when the memo was first signed must lie where the
signed page draws nothing: no text, no line, no filled area, no image. The memo's own empty
"Approved by" field existed when it was signed, so filling it is always allowed.

Where the page draws is found by reading its content stream (text positions with a generous
width estimate, paths, images and form XObjects), so the check errs on the side of "covered".
"""

from __future__ import annotations

import io

import pikepdf

from core.signing.coverage import CoverageError
from core.value_class import value_class

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
GLYPH_WIDTH = 0.65
"""Width of one glyph in units of the font size: above the average of proportional fonts (wider
boxes only make the check stricter)."""
PAINT = {"S", "s", "f", "F", "f*", "B", "B*", "b", "b*"}
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
FILL_ONLY = {"f", "F", "f*"}
STROKE = 1.0
"""How far a stroked path is taken to reach beyond its geometry (at least any thin rule's half width
plus :meth:`Box.overlaps`'s margin), so that a stamp over a rule counts as covering it."""


@value_class
class Box:
    """An axis-aligned rectangle in page space."""

    x1: float
    y1: float
    x2: float
    y2: float

    def overlaps(self, other: Box, margin: float = 0.5) -> bool:
        """Whether the two rectangles share an area wider and taller than ``margin``."""
        return (
            min(self.x2, other.x2) - max(self.x1, other.x1) > margin
            and min(self.y2, other.y2) - max(self.y1, other.y1) > margin
        )

    @property
    def empty(self) -> bool:
        """No area at all (an invisible field)."""
        return self.x2 - self.x1 <= 0 or self.y2 - self.y1 <= 0


def check_later_annotations(signed: bytes, current: bytes) -> None:
    """Raise :class:`CoverageError` if an annotation new since ``signed`` (the memo's bytes as first
    signed) covers content of its page in ``current`` (the whole file)."""
    with pikepdf.open(io.BytesIO(signed)) as before, pikepdf.open(io.BytesIO(current)) as after:
        for number, (old, new) in enumerate(zip(before.pages, after.pages, strict=False), 1):
            known = {_key(a) for a in _annotations(old)}
            added = [a for a in _annotations(new) if _key(a) not in known]
            boxes = [b for b in (_rect(a) for a in added) if b is not None and not b.empty]
            if not boxes:
                continue
            drawn = content_boxes(old)
            for box in boxes:
                if any(box.overlaps(d) for d in drawn):
                    raise CoverageError(
                        f"a stamp or annotation added after signing covers signed content on page {number}"
                    )


def _annotations(page) -> list:
    annots = page.obj.get("/Annots")
    return list(annots) if isinstance(annots, pikepdf.Array) else []


def _key(annot) -> tuple:
    return (annot.objgen, repr(_rect(annot)))


def _rect(annot) -> Box | None:
    try:
        x1, y1, x2, y2 = (float(v) for v in annot.get("/Rect"))
    except (TypeError, ValueError):
        return Box(-1e9, -1e9, 1e9, 1e9)  # a malformed rectangle may be drawn anywhere
    return Box(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2))


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF order: ``m × n``)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _box(points: list[tuple[float, float]], m: Matrix) -> Box:
    a, b, c, d, e, f = m
    xs = [a * x + c * y + e for x, y in points]
    ys = [b * x + d * y + f for x, y in points]
    return Box(min(xs), min(ys), max(xs), max(ys))


def _corners(x1: float, y1: float, x2: float, y2: float) -> list[tuple[float, float]]:
    return [(x1, y1), (x2, y1), (x1, y2), (x2, y2)]


class _Painter:
    """Follows a content stream far enough to know where it draws."""

    def __init__(self, resources) -> None:
        self.resources = resources
        self.ctm: Matrix = IDENTITY
        self.stack: list[Matrix] = []
        self.tm: Matrix = IDENTITY
        self.tlm: Matrix = IDENTITY
        self.size, self.leading = 12.0, 0.0
        self.path: list[tuple[float, float]] = []
        self.boxes: list[Box] = []

    def run(self, instructions) -> list[Box]:
        for operands, operator in instructions:
            self.step(str(operator), [_number(o) if _is_number(o) else o for o in operands])
        return self.boxes

    def step(self, op: str, args: list) -> None:
        if op == "q":
            self.stack.append(self.ctm)
        elif op == "Q":
            self.ctm = self.stack.pop() if self.stack else IDENTITY
        elif op == "cm" and len(args) == 6:
            self.ctm = _multiply(tuple(args), self.ctm)  # type: ignore[arg-type]
        elif op in {"BT", "Tf", "TL", "Tm", "Td", "TD", "T*"} or op in TEXT_SHOW:
            self.text(op, args)
        elif op in {"m", "l"} and len(args) == 2:
            self.path.append((args[0], args[1]))
        elif op in {"c", "v", "y"}:
            self.path += list(zip(args[0::2], args[1::2], strict=False))
        elif op == "re" and len(args) == 4:
            x, y, w, h = args
            self.path += _corners(x, y, x + w, y + h)
        elif op in PAINT or op == "n":
            if self.path and op != "n":
                box = _box(self.path, self.ctm)
                if op not in FILL_ONLY:  # a stroke is as wide as its pen: a rule is not an empty line
                    box = Box(box.x1 - STROKE, box.y1 - STROKE, box.x2 + STROKE, box.y2 + STROKE)
                self.boxes.append(box)
            self.path = []
        elif op == "Do" and args:
            self.xobject(args[0])

    def text(self, op: str, args: list) -> None:
        if op == "BT":
            self.tm = self.tlm = IDENTITY
        elif op == "Tf" and len(args) == 2:
            self.size = abs(float(args[1]))
        elif op == "TL" and args:
            self.leading = float(args[0])
        elif op == "Tm" and len(args) == 6:
            self.tm = self.tlm = tuple(args)  # type: ignore[assignment]
        elif op in {"Td", "TD"} and len(args) == 2:
            if op == "TD":
                self.leading = -float(args[1])
            self.tm = self.tlm = _multiply((1, 0, 0, 1, args[0], args[1]), self.tlm)
        elif op in {"T*", "'", '"'}:
            self.tm = self.tlm = _multiply((1, 0, 0, 1, 0, -self.leading), self.tlm)
        if op in TEXT_SHOW:
            self.show(args[-1] if args else b"")

    def show(self, operand) -> None:
        if isinstance(operand, pikepdf.Array):
            glyphs = sum(len(bytes(x)) for x in operand if isinstance(x, pikepdf.String))
        else:
            glyphs = len(bytes(operand)) if isinstance(operand, pikepdf.String) else 0
        width = glyphs * GLYPH_WIDTH * self.size
        if glyphs:
            corners = _corners(0, -0.3 * self.size, width, self.size)
            self.boxes.append(_box(corners, _multiply(self.tm, self.ctm)))
        self.tm = _multiply((1, 0, 0, 1, width, 0), self.tm)

    def xobject(self, name) -> None:
        xobjects = self.resources.get("/XObject") if self.resources is not None else None
        target = xobjects.get(name) if xobjects is not None else None
        if target is None or target.get("/Subtype") == "/Image":
            self.boxes.append(_box(_corners(0, 0, 1, 1), self.ctm))
            return
        try:
            x1, y1, x2, y2 = (float(v) for v in target.get("/BBox"))
            matrix = tuple(float(v) for v in target.get("/Matrix", [1, 0, 0, 1, 0, 0]))
        except (TypeError, ValueError):
            self.boxes.append(Box(-1e9, -1e9, 1e9, 1e9))
            return
        self.boxes.append(_box(_corners(x1, y1, x2, y2), _multiply(matrix, self.ctm)))  # type: ignore[arg-type]


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) or type(value).__name__ == "Decimal"


def _number(value) -> float:
    return float(value)


def content_boxes(page) -> list[Box]:
    """Where the page's content stream draws (text, paths, images, form XObjects), in page space."""
    return _Painter(page.obj.get("/Resources")).run(pikepdf.parse_content_stream(page))


def free_box(data: bytes, width: float, height: float, margin: float = 36) -> tuple[int, int, int] | None:
    """(page index, x, y) of a ``width`` × ``height`` place that no content and no annotation covers,
    searched from the bottom of the last page upwards, then on the pages before; None if no page has one."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        for index in range(len(pdf.pages) - 1, -1, -1):
            page = pdf.pages[index]
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            taken = content_boxes(page) + [b for b in (_rect(a) for a in _annotations(page)) if b is not None]
            for y in range(int(y0 + margin / 2), int(y1 - margin - height), 4):
                for x in (int(x1 - margin - width), int(x0 + margin)):
                    box = Box(x - 2, y - 2, x + width + 2, y + height + 2)
                    if not any(box.overlaps(t) for t in taken):
                        return index, x, y
    return None
