"""The table cells built in Python (views/cells.py) print what the template's filters would."""

from datetime import UTC, datetime

from django.template import Context, Template
from django.utils import timezone

from programmes.admissions.views.cells import short_datetimes

MOMENTS = [
    datetime(2026, 1, 5, 9, 7, tzinfo=UTC),  # GMT
    datetime(2026, 7, 31, 23, 30, tzinfo=UTC),  # BST: already 1 August in London
]


def as_template_prints(value):
    return Template('{{ value|date:"j M Y, H:i T" }}').render(Context({"value": value}))


def test_a_short_datetime_is_the_templates_in_the_portals_time_zone():
    short_datetime = short_datetimes()
    assert [short_datetime(m) for m in MOMENTS] == [as_template_prints(m) for m in MOMENTS]
    assert short_datetime(MOMENTS[1]) == "1 Aug 2026, 00:30 BST"
    assert short_datetime(None) == "—"  # never submitted: no time at all, not the time now


def test_the_hour_the_clocks_go_back_says_which_it_is():
    # The template's "T" prints nothing for a local time that happens twice; the cell names it.
    short_datetime = short_datetimes()
    first, second = datetime(2026, 10, 25, 0, 59, tzinfo=UTC), datetime(2026, 10, 25, 1, 59, tzinfo=UTC)
    assert [short_datetime(first), short_datetime(second)] == ["25 Oct 2026, 01:59 BST", "25 Oct 2026, 01:59 GMT"]


def test_a_short_datetime_follows_the_time_zone_current_when_the_table_is_built():
    with timezone.override("America/New_York"):
        short_datetime = short_datetimes()
        assert [short_datetime(m) for m in MOMENTS] == [as_template_prints(m) for m in MOMENTS]
    assert short_datetime(MOMENTS[0]) == "5 Jan 2026, 04:07 EST"
