"""The terminal table of the read commands."""

from __future__ import annotations

from crosswire.serve.table import _width, table


def test_cells_fold_to_fit_and_columns_stay_aligned() -> None:
    actor = "Ministry of Foreign Affairs of the Republic of Example"
    rows = [["ev_1", actor, "3"], ["ev_22", "北朝鮮", "12"]]
    text = table(
        ["id", "actor", "sources"],
        rows,
        unfolded=frozenset({"id"}),
        numeric=frozenset({"sources"}),
        width=30,
    )
    lines = text.splitlines()
    assert lines[0].split() == ["id", "actor", "sources"]
    assert set(lines[1].replace(" ", "")) == {"─"}
    body = lines[2:]
    assert all(_width(line) <= 30 for line in lines)  # folded to the window
    first = [line for line in body if not line.startswith("ev_22")][: len(body) - 1]
    assert " ".join(line[7:21].strip() for line in first) == actor  # nothing lost in folding
    # numbers align right: both rows end at the same screen column, wide characters included
    ends = [_width(line) for line in body if line.rstrip().endswith(("3", "12"))]
    assert len(ends) == 2 and ends[0] == ends[1] == 30
    assert _width("北朝鮮") == 6
