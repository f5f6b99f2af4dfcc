from .cohorts import Cohort, CohortPartner, CohortStatus, default_rubric
from .partners import LevelOfStudy, Partner, Pathway, QualificationLevel

__all__ = [
    "Cohort",
    "CohortPartner",
    "CohortStatus",
    "LevelOfStudy",
    "Partner",
    "Pathway",
    "QualificationLevel",
    "default_rubric",
]
