"""An application's review figures as each reader may see them (queue_rows.figures_for), which the
queue's rows, the decision board and the CSV export all print."""

import pytest

from programmes.admissions.selectors.queue_rows import figures_for
from programmes.admissions.selectors.reviews import Reader

ME, OTHER, THIRD = 7, 8, 9
STAFF, COORDINATOR = Reader(pk=ME, sees_all=False), Reader(pk=ME, sees_all=True)


def shown(reviews, reader=STAFF, blind=True):
    f = figures_for(reviews, reader=reader, blind=blind)
    return (f["review_count"], f["mean_score"], f["median_score"], f["reviewed_by_me"], f["conflict_by_me"]), (
        f["show_name"],
        f["show_scores"],
    )


@pytest.mark.parametrize(
    ("reviews", "figures", "visibility"),
    [
        ([], (0, None, None, False, False), (False, False)),
        # Others' reviews count, but a blind first review keeps the name and scores from me.
        ([(OTHER, False, 3.0), (THIRD, False, 4.5)], (2, 3.75, 3.75, False, False), (False, False)),
        # My own review opens both; a conflict declared is no score, and no review either.
        ([(ME, False, 2.0), (OTHER, True, None), (THIRD, False, 4.0)], (2, 3.0, 3.0, True, False), (True, True)),
        # My conflict shows me the name (I know them) but not the scores.
        ([(ME, True, None), (OTHER, False, 4.0)], (1, 4.0, 4.0, False, True), (True, False)),
        # A review saved without a weighted score yet counts as mine but adds no score.
        (
            [(ME, False, None), (OTHER, False, 1.0), (THIRD, False, 2.0), (8, False, 5.0)],
            (3, 2.67, 2.0, True, False),
            (True, True),
        ),
    ],
)
def test_each_readers_figures(reviews, figures, visibility):
    assert shown(reviews) == (figures, visibility)
    # A coordinator sees every name and score; a cohort without a blind pass shows the name to all.
    assert shown(reviews, reader=COORDINATOR) == (figures, (True, True))
    assert shown(reviews, blind=False)[1] == (True, visibility[1])
