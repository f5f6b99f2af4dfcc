from .applications import (
    Application,
    ApplicationEvent,
    ApplicationExtension,
    ApplicationState,
    LevelOfStudy,
)
from .cohorts import Cohort, CohortPartner, CohortStatus
from .partners import InterestArea, Partner, QualificationLevel
from .reviews import Decision, Recommendation, Review, StagedDecision
from .sessions import (
    SEATED,
    Booking,
    BookingStatus,
    CalendarFeed,
    Feedback,
    Session,
    SessionFormat,
    SessionKind,
    SessionStatus,
)

__all__ = [
    "SEATED",
    "Booking",
    "BookingStatus",
    "CalendarFeed",
    "Feedback",
    "Session",
    "SessionFormat",
    "SessionKind",
    "SessionStatus",
    "Application",
    "ApplicationEvent",
    "ApplicationExtension",
    "ApplicationState",
    "Cohort",
    "CohortPartner",
    "CohortStatus",
    "Decision",
    "InterestArea",
    "LevelOfStudy",
    "Partner",
    "QualificationLevel",
    "Recommendation",
    "Review",
    "StagedDecision",
]
