from .cohorts import Cohort, CohortPartner, CohortStatus, default_rubric
from .partners import LevelOfStudy, Partner, Pathway, QualificationLevel
from .public import OFFER_KINDS, FrequentQuestion

__all__ = [
    "Cohort",
    "CohortPartner",
    "CohortStatus",
    "FrequentQuestion",
    "LevelOfStudy",
    "OFFER_KINDS",
    "Partner",
    "Pathway",
    "QualificationLevel",
    "default_rubric",
]
