"""The engine's inputs and outputs: plain dataclasses, no Django."""

from dataclasses import asdict, dataclass, field

ONLINE = "online"
IN_PERSON = "in_person"
EITHER = "either"

PARTICIPATION = "participation"
SCORE = "score"
STABLE = "stable"
OBJECTIVES = (PARTICIPATION, SCORE, STABLE)


@dataclass(frozen=True)
class Student:
    id: int
    name: str
    university: str
    pathways: tuple = ()
    sectors: tuple = ()
    level: str = ""
    mode: str = EITHER
    regions: tuple = ()
    times: tuple = ()
    avoid_mentors: tuple = ()


@dataclass(frozen=True)
class Mentor:
    id: int
    name: str
    capacity: int
    pathways: tuple = ()
    sector: str = ""
    seniority: int = 2
    mode: str = EITHER
    regions: tuple = ()
    times: tuple = ()
    excluded_universities: tuple = ()
    excluded_people: tuple = ()
    elsewhere: int = 0  # active mentees in other cohorts: they take places too


@dataclass(frozen=True)
class Weights:
    pathways: float = 4.0
    availability: float = 2.0
    mode: float = 1.0
    seniority: float = 1.0
    sector: float = 1.0

    def as_dict(self):
        return asdict(self)


CRITERIA = tuple(Weights.__dataclass_fields__)


@dataclass(frozen=True)
class Rules:
    objective: str = PARTICIPATION
    min_score: float = 0.0
    university_quotas: dict = field(default_factory=dict)
    balance_universities: bool = False
    stay_bonus: float = 5.0
    tie_seed: int | None = None  # None: ties go to students earlier in the input (see engine._with_ties)
    excluded_students: tuple = ()
    spread_load: float = 0.0  # points a mentor's next mentee costs per mentee they already have


@dataclass(frozen=True)
class Problem:
    students: tuple
    mentors: tuple
    weights: Weights = Weights()
    rules: Rules = Rules()
    pins: tuple = ()  # (student id, mentor id)
    forbids: tuple = ()  # (student id, mentor id)
    previous: dict = field(default_factory=dict)  # student id -> mentor id of the run before
    labels: dict = field(default_factory=dict)  # key -> human label for pathways, times, regions


@dataclass
class Pair:
    student: int
    mentor: int
    score: float
    breakdown: dict
    explanation: str
    pinned: bool = False
    kept: bool = False
    overrides: list = field(default_factory=list)  # codes of the rules a pin overrides (pins.OVERRIDES)


@dataclass
class Unmatched:
    student: int
    code: str
    detail: dict


@dataclass
class Alternative:
    mentor: int
    score: float
    full: bool


@dataclass
class Result:
    pairs: list
    unmatched: list
    alternatives: dict  # student id -> list of Alternative
    regret: dict  # student id -> points between their best allowed mentor and the one they got
    summary: dict
    timings: dict

    def as_dict(self):
        return {
            "pairs": [_fields(p) for p in self.pairs],
            "unmatched": [_fields(u) for u in self.unmatched],
            "alternatives": {str(s): [_fields(a) for a in alts] for s, alts in self.alternatives.items()},
            "regret": {str(s): r for s, r in self.regret.items()},
            "summary": self.summary,
            "timings": self.timings,
        }


def _fields(record):
    """A record's fields as a dict, sharing its plain values: asdict's deep copy cost a fifth of a
    1,000-student run, and the result is only serialised."""
    return dict(vars(record))


class EngineError(ValueError):
    """Inputs the engine cannot honour (e.g. more pins on a mentor than places); the message is for people."""
