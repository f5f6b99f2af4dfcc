"""HESA rounding and suppression (programmes/equality/reports.py), and that totals give nothing away."""

from collections import Counter

import pytest

from programmes.equality.reports import build_table, percent_of, rounded


@pytest.mark.parametrize(
    "count, shown",
    [
        (0, 0),
        (1, 0),
        (2, 0),
        (3, 5),
        (4, 5),
        (5, 5),
        (7, 5),
        (8, 10),
        (12, 10),
        (13, 15),
        (22, 20),
        (23, 25),
        (100, 100),
    ],
)
def test_counts_round_to_five_and_small_ones_show_as_zero(count, shown):
    assert rounded(count) == shown


def test_no_percentage_on_a_base_under_22_5():
    assert percent_of(5, 20) is None
    assert percent_of(5, 25) == 20


ROWS = [("a", "A"), ("b", "B")]
COLUMNS = [("x", "X"), ("y", "Y")]


def _shown(table):
    return (
        [[(c.count, c.percent) for c in row.cells] + [row.total] for row in table.rows],
        table.column_totals,
        table.grand_total,
    )


def test_totals_are_sums_of_the_shown_cells():
    table = build_table(
        rows=ROWS, columns=COLUMNS, raw_counts=Counter({("a", "x"): 31, ("b", "x"): 2, ("a", "y"): 7}), row_totals=True
    )
    assert [[c.count for c in row.cells] for row in table.rows] == [[30, 5], [0, 0]]
    assert [c.count for c in table.column_totals] == [30, 5]  # not 33 and 7: raw totals would reveal b's 2
    assert [row.total.count for row in table.rows] == [35, 0]
    assert table.grand_total.count == 35
    # Row totals and column sums agree: differencing one against the other leaves nothing.
    assert sum(row.total.count for row in table.rows) == sum(c.count for c in table.column_totals)
    assert table.rows[0].cells[0].percent == 100  # 30 of 30
    assert table.rows[0].cells[1].percent is None  # base 5 < 22.5


def test_a_report_with_one_person_more_in_a_small_group_is_the_same():
    before = Counter({("a", "x"): 30, ("b", "x"): 1})
    after = before + Counter({("b", "x"): 1})
    assert _shown(build_table(rows=ROWS, columns=COLUMNS, raw_counts=before, row_totals=True)) == _shown(
        build_table(rows=ROWS, columns=COLUMNS, raw_counts=after, row_totals=True)
    )
