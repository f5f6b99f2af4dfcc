from .applications import (
    Application,
    ApplicationEvent,
    ApplicationExtension,
    ApplicationState,
    LevelOfStudy,
)
from .cohorts import Cohort, CohortPartner, CohortStatus
from .partners import InterestArea, Partner, QualificationLevel

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationExtension",
    "ApplicationState",
    "Cohort",
    "CohortPartner",
    "CohortStatus",
    "InterestArea",
    "LevelOfStudy",
    "Partner",
    "QualificationLevel",
]
