"""Counting equality answers for coordinators, with HESA's rounding and suppression.

The rule, applied to every number a report shows:
- a count is rounded to the nearest multiple of 5, and 0, 1 and 2 show as 0 (`rounded`);
- a percentage is shown only on a base of at least 22.5 people, and it is worked out from the
  rounded numbers (`percent_of`);
- a total is never a raw count: it is the sum of the rounded cells shown beside it (`build_table`).
  So a total tells nothing the cells do not, and subtracting the shown cells from a shown total
  gives 0: a suppressed or rounded cell cannot be recovered by differencing, within one report or
  between two reports (one with a person more) whose rounded cells agree.
Raw counts never leave this module."""

from collections import Counter
from dataclasses import dataclass

SUPPRESS_AT_OR_BELOW = 2
ROUND_TO = 5
MIN_PERCENT_BASE = 22.5


def rounded(count):
    """HESA rounding: to the nearest 5 (3 -> 5, 7 -> 5, 8 -> 10, 22 -> 20, 23 -> 25); 0, 1, 2 -> 0."""
    if count <= SUPPRESS_AT_OR_BELOW:
        return 0
    return ROUND_TO * ((count + ROUND_TO // 2) // ROUND_TO)


def percent_of(shown, base):
    """A whole percentage of two rounded numbers, or None on a base under 22.5."""
    if base < MIN_PERCENT_BASE:
        return None
    return round(100 * shown / base)


@dataclass(frozen=True)
class Cell:
    count: int
    percent: int | None = None


@dataclass(frozen=True)
class Row:
    label: str
    cells: list
    total: Cell | None


@dataclass(frozen=True)
class Table:
    columns: list  # labels
    rows: list  # Row
    column_totals: list  # Cell
    grand_total: Cell | None


def build_table(*, rows, columns, raw_counts: Counter, row_totals):
    """A table of rounded cells from raw counts keyed (row key, column key). `rows` and `columns` are
    [(key, label)]. Each cell carries its percentage of its column's shown total; totals are sums of
    shown cells. `row_totals` adds a total column, for columns that split people (universities), not
    for those that count a person more than once (stages)."""
    shown = {(r, c): rounded(raw_counts.get((r, c), 0)) for r, _ in rows for c, _ in columns}
    column_sums = {c: sum(shown[(r, c)] for r, _ in rows) for c, _ in columns}
    grand = sum(column_sums.values())
    table_rows = []
    for r, label in rows:
        cells = [Cell(shown[(r, c)], percent_of(shown[(r, c)], column_sums[c])) for c, _ in columns]
        row_sum = sum(cell.count for cell in cells)
        table_rows.append(Row(label, cells, Cell(row_sum, percent_of(row_sum, grand)) if row_totals else None))
    return Table(
        columns=[label for _, label in columns],
        rows=table_rows,
        column_totals=[Cell(column_sums[c]) for c, _ in columns],
        grand_total=Cell(grand) if row_totals else None,
    )
