from .applications import Application, ApplicationEvent, ApplicationState, LevelOfStudy
from .cohorts import Cohort, CohortPartner, CohortStatus
from .partners import InterestArea, Partner
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
    "ApplicationState",
    "Cohort",
    "CohortPartner",
    "CohortStatus",
    "InterestArea",
    "LevelOfStudy",
    "Partner",
]
