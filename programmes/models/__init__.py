from .applications import Application, ApplicationEvent, ApplicationState, LevelOfStudy
from .cohorts import Cohort, CohortPartner, CohortStatus
from .partners import InterestArea, Partner

__all__ = [
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
