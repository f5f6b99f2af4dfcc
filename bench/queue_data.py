"""The review queue benchmark's data set, loaded with PostgreSQL's COPY (100,000 applications, their
students, 300,000 reviews and the pathways in well under a minute).

Two universities; each application has 1-2 pathways and three reviews by its university's six
reviewers; a hundred staged decisions per university, spread over its waiting applications; five more
cohorts with both universities, so the decision board has rows to show. Imported by
bench_review_queue.py after django.setup().
"""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from accounts.models import Role, User
from programmes.admissions.models import Application, Review, StagedDecision
from programmes.admissions.rubrics import rubric_of, weighted_score
from programmes.cohorts.models import Cohort, CohortPartner, LevelOfStudy, Partner, Pathway

PASSWORD = "bench-password-2026"
REVIEWS_PER_APPLICATION = 3
REVIEWERS_PER_UNIVERSITY = 6
STAGED_PER_UNIVERSITY = 100
FIRST_NAMES = ["Ada", "Grace", "Alan", "Rosalind", "Katherine", "Mary", "Tim", "Dorothy", "Francis", "Jocelyn"]
LAST_NAMES = ["Lovelace", "Hopper", "Turing", "Franklin", "Johnson", "Seacole", "Berners-Lee", "Hodgkin", "Crick"]
STATES = ["submitted"] * 70 + ["waitlisted"] * 10 + ["offered"] * 5 + ["confirmed"] * 3 + ["rejected"] * 10
STATES += ["withdrawn"] * 2
COURSES = ["Biomedical Engineering", "Chemistry", "Computer Science", "Nursing", "Physics", "Pharmacology"]
FIRST_ID = 10_000_000  # ids of the copied rows: above anything the ORM created


def copy_rows(model, objects):
    """COPY model instances (pk set) into their table, every concrete field prepared as save() would."""
    fields = model._meta.concrete_fields
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor:
        with cursor.cursor.copy(
            f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
        ) as copy:
            for obj in objects:
                copy.write_row([f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields])
        table = model._meta.db_table
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")


def _set_up(now):
    cohort = Cohort.objects.create(
        name="Bench cohort",
        slug="bench",
        status="open",
        applications_open_at=now - timedelta(days=60),
        applications_close_at=now + timedelta(days=5),
        programme_starts_on=(now + timedelta(days=30)).date(),
        programme_ends_on=(now + timedelta(days=120)).date(),
    )
    partners = [Partner.objects.create(name=f"Queue University {c}", slug=f"queue-{c}") for c in "ab"]
    for n in range(5):
        earlier = Cohort.objects.create(
            name=f"Earlier cohort {n}",
            slug=f"earlier-{n}",
            status="closed",
            applications_open_at=now - timedelta(days=400 + 30 * n),
            applications_close_at=now - timedelta(days=380 + 30 * n),
            programme_starts_on=(now - timedelta(days=360 + 30 * n)).date(),
            programme_ends_on=(now - timedelta(days=300 + 30 * n)).date(),
        )
        for partner in partners:
            CohortPartner.objects.create(cohort=earlier, partner=partner, quota=20)
    for partner in partners:
        CohortPartner.objects.create(cohort=cohort, partner=partner, quota=500)
    pathways = [Pathway.objects.create(name=f"Queue pathway {n}", slug=f"queue-pathway-{n}") for n in range(6)]
    return cohort, partners, pathways


def _staff(partners, coordinator_email):
    password = make_password(PASSWORD)
    reviewers = {
        partner.pk: User.objects.bulk_create(
            [
                User(
                    email=f"staff{n}@{partner.slug}.test",
                    full_name=f"Reviewer {n} {partner.slug}",
                    role=Role.STAFF,
                    partner=partner,
                    password=password,
                )
                for n in range(REVIEWERS_PER_UNIVERSITY)
            ]
        )
        for partner in partners
    }
    coordinator = User.objects.create(email=coordinator_email, role=Role.COORDINATOR, password=password)
    return reviewers, coordinator


def load(applications_count, *, seed=2026):
    """Load the data set; returns (a member of staff, a coordinator, an application id of the staff's)."""
    rng = random.Random(seed)
    now = timezone.now()
    cohort, partners, pathways = _set_up(now)
    reviewers, coordinator = _staff(partners, "coordinator@queue.test")
    students = [
        User(
            pk=FIRST_ID + n,
            email=f"student{n}@queue.test",
            full_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} {n}",
            role=Role.STUDENT,
            password="!",
        )
        for n in range(applications_count)
    ]
    copy_rows(User, students)
    levels = [c for c, _ in LevelOfStudy.choices]
    applications = [
        Application(
            pk=FIRST_ID + n,
            cohort=cohort,
            student_id=student.pk,
            student_name=student.full_name,
            partner=partners[n % 2],
            state=rng.choice(STATES),
            course=rng.choice(COURSES),
            level_of_study=rng.choice(levels),
            year_of_study=rng.randint(1, 4),
            motivation="I want to work on medical devices. " * 20,
            career_goals="Regulatory affairs and clinical evaluation. " * 10,
            availability="Tuesdays and Thursdays.",
            submitted_at=now - timedelta(minutes=rng.randint(1, 60 * 24 * 50)),
            consent_given_at=now,
        )
        for n, student in enumerate(students)
    ]
    # The quota (500) holds: past 450 offered or confirmed places a university's applications are
    # rejected, as the portal's own checks would have it.
    held = dict.fromkeys((p.pk for p in partners), 0)
    for application in applications:
        if application.state in ("offered", "confirmed"):
            held[application.partner_id] += 1
            if held[application.partner_id] > 450:
                application.state = "rejected"
    copy_rows(Application, applications)
    through = Application.pathways.through
    links = [(a.pk, p.pk) for a in applications for p in rng.sample(pathways, rng.randint(1, 2))]
    copy_rows(through, (through(pk=FIRST_ID + n, application_id=a, pathway_id=p) for n, (a, p) in enumerate(links)))
    rubric = rubric_of(cohort)

    def reviews():
        n = 0
        for application in applications:
            for reviewer in rng.sample(reviewers[application.partner_id], REVIEWS_PER_APPLICATION):
                scores = {c["key"]: rng.randint(1, 5) for c in rubric}
                n += 1
                yield Review(
                    pk=FIRST_ID + n,
                    application_id=application.pk,
                    reviewer_id=reviewer.pk,
                    scores=scores,
                    weighted_score=weighted_score(rubric=rubric, scores=scores),
                    recommendation=rng.choice(["offer", "waitlist", "reject"]),
                    comment="Solid application.",
                    submitted_at=now,
                )

    copy_rows(Review, reviews())
    for partner in partners:
        waiting = [a for a in applications if a.partner_id == partner.pk and a.state == "submitted"]
        StagedDecision.objects.bulk_create(
            [
                StagedDecision(application=a, decision=rng.choice(["offered", "waitlisted", "rejected"]))
                for a in rng.sample(waiting, STAGED_PER_UNIVERSITY)
            ]
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    staff = reviewers[partners[0].pk][0]
    return staff, coordinator, next(a.pk for a in applications if a.partner_id == partners[0].pk)
