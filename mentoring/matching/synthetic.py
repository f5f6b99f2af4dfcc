"""Synthetic cohorts shaped like the pilot's, for the benchmark and tests: popular pathways
(regulatory affairs, AI devices) have more students than expert mentors; a fifth of the mentors
are senior generalists (broad expertise, free most evenings, online or in person) whom nearly
every student likes, while some students can only meet in person near their university or on
one or two evenings; most people meet online; capacities run 1–4."""

import random

from .types import EITHER, IN_PERSON, ONLINE, Mentor, Student

PATHWAYS = ("regulatory", "commercial", "ai_devices", "rnd", "clinical", "manufacturing")
STUDENT_TASTE = (0.3, 0.12, 0.28, 0.12, 0.1, 0.08)
MENTOR_SUPPLY = (0.12, 0.18, 0.1, 0.22, 0.13, 0.25)
TIMES = tuple(f"{day}_{part}" for day in ("mon", "tue", "wed", "thu", "fri") for part in ("day", "eve"))
REGIONS = ("west_midlands", "east", "london", "east_midlands", "south_east", "north_west")
SECTORS = ("devices", "diagnostics", "pharma", "digital", "nhs")
LEVELS = ("htq", "ug", "ug", "pgt", "pgr", "ecr")
UNIVERSITIES = {"Warwick": "west_midlands", "ARU": "east"}
GENERALISTS = 0.2


def _some(rng, items, weights, low, high):
    k = rng.randint(low, high)
    chosen = set()
    while len(chosen) < k:
        chosen.add(rng.choices(items, weights)[0])
    return tuple(sorted(chosen))


def cohort(n_students, n_mentors, seed=0):
    rng = random.Random(seed)
    students = []
    for i in range(n_students):
        university = rng.choice(tuple(UNIVERSITIES))
        students.append(
            Student(
                id=i,
                name=f"Student {i}",
                university=university,
                pathways=_some(rng, PATHWAYS, STUDENT_TASTE, 1, 2),
                sectors=tuple(rng.sample(SECTORS, rng.randint(0, 2))),
                level=rng.choice(LEVELS),
                mode=rng.choices((ONLINE, IN_PERSON, EITHER), (0.5, 0.15, 0.35))[0],
                regions=(UNIVERSITIES[university],),
                times=tuple(rng.sample(TIMES, rng.randint(1, 4))),
            )
        )
    mentors = []
    for j in range(n_mentors):
        generalist = rng.random() < GENERALISTS
        mentors.append(
            Mentor(
                id=100_000 + j,
                name=f"Mentor {j}",
                capacity=rng.choices((1, 2, 3, 4), (0.3, 0.35, 0.2, 0.15))[0],
                pathways=_some(rng, PATHWAYS, MENTOR_SUPPLY, 3, 4)
                if generalist
                else _some(rng, PATHWAYS, MENTOR_SUPPLY, 1, 2),
                sector=rng.choice(SECTORS),
                seniority=rng.choice((3, 4)) if generalist else rng.choices((1, 2, 3), (0.3, 0.45, 0.25))[0],
                mode=EITHER if generalist else rng.choices((ONLINE, IN_PERSON, EITHER), (0.5, 0.2, 0.3))[0],
                regions=tuple(rng.sample(REGIONS, rng.randint(1, 2))),
                times=tuple(rng.sample(TIMES, rng.randint(6, 8) if generalist else rng.randint(2, 4))),
                excluded_universities=(rng.choice(tuple(UNIVERSITIES)),) if rng.random() < 0.05 else (),
            )
        )
    return tuple(students), tuple(mentors)
