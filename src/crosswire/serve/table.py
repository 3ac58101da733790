"""A plain text table for the terminal: aligned columns under a ruled header, long cells folded
onto more lines so the table fits the window. Written here rather than drawn with rich, whose
import alone costs a read command about a fifth of its time."""

from __future__ import annotations

import shutil
import textwrap
import unicodedata
from collections.abc import Sequence

_GAP = "  "
_NARROWEST = 8


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (East Asian) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def _pad(text: str, width: int, right: bool) -> str:
    space = " " * max(0, width - _width(text))
    return space + text if right else text + space


def _fold(text: str, width: int) -> list[str]:
    lines = textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False)
    return lines or [""]


def _fit(natural: list[int], room: int, fixed: Sequence[bool]) -> list[int]:
    """Column widths within ``room``: the widest foldable columns give up space first."""
    widths = list(natural)
    while sum(widths) + len(_GAP) * (len(widths) - 1) > room:
        foldable = [i for i, w in enumerate(widths) if not fixed[i] and w > _NARROWEST]
        if not foldable:
            break
        widest = max(foldable, key=widths.__getitem__)
        widths[widest] -= 1
    return widths


def table(
    names: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    unfolded: frozenset[str] = frozenset(),
    numeric: frozenset[str] = frozenset(),
    width: int | None = None,
) -> str:
    """``rows`` (cells already text) under the header ``names``, as lines ending in a newline.
    Columns in ``unfolded`` keep their cells on one line; ``numeric`` ones align right."""
    room = width or max(120, shutil.get_terminal_size((120, 24)).columns)
    natural = [
        max([_width(name), *(_width(row[i]) for row in rows)]) for i, name in enumerate(names)
    ]
    widths = _fit(natural, room, [name in unfolded for name in names])
    right = [name in numeric for name in names]
    out = [
        _GAP.join(_pad(n, w, r) for n, w, r in zip(names, widths, right, strict=True)).rstrip(),
        _GAP.join("─" * w for w in widths),
    ]
    for row in rows:
        folded = [
            _fold(cell, w) if _width(cell) > w else [cell]
            for cell, w in zip(row, widths, strict=True)
        ]
        for line in range(max(len(cell) for cell in folded)):
            parts = [
                _pad(cell[line] if line < len(cell) else "", w, r)
                for cell, w, r in zip(folded, widths, right, strict=True)
            ]
            out.append(_GAP.join(parts).rstrip())
    return "\n".join(out) + "\n"
