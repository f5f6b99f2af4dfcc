"""Where a student's application stands, as the steps of a tracker: submitted → under review →
decision → confirmed. Read by the student's dashboard."""

from dataclasses import dataclass

from programmes.admissions.models import ApplicationState as S

DONE, CURRENT, UPCOMING = "done", "current", "upcoming"
STEP_WORDS = {DONE: "done", CURRENT: "current step", UPCOMING: "to come"}
# The step each state has reached (0 submitted, 1 under review, 2 decision, 3 confirmed).
REACHED = {S.OFFERED: 2, S.WAITLISTED: 2, S.REJECTED: 2, S.CONFIRMED: 3}


@dataclass(frozen=True)
class Step:
    label: str
    status: str

    @property
    def words(self):
        return STEP_WORDS[self.status]


def tracker(application, *, now):
    """The steps, or [] for a draft or a closed application (withdrawn, declined): the dashboard
    says what to do about those in words."""
    if application.state == S.SUBMITTED:
        reached = 1 if now >= application.cohort.applications_close_at else 0
    elif application.state in REACHED:
        reached = REACHED[application.state]
    else:
        return []
    decided = application.state in {S.OFFERED, S.WAITLISTED, S.REJECTED}
    labels = ["Submitted", "Under review", application.get_state_display() if decided else "Decision", "Confirmed"]
    if application.state == S.REJECTED:
        labels = labels[:3]
    return [
        Step(label, DONE if index < reached else CURRENT if index == reached else UPCOMING)
        for index, label in enumerate(labels)
    ]
