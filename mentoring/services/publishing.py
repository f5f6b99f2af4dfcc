"""Publishing a run: first a preview of whom it affects (each pair, the matches it ends, every
email with one rendered example), then the confirmed post. The preview carries a fingerprint of
what it showed; publishing recomputes it under lock and sends nothing if the run or the cohort's
matches changed since, and a second post of the same confirmation finds the run published."""

import hashlib
import json

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from ftl_portal.outbox import services as outbox

from .. import emails
from ..models import Match, MatchRun, MatchState, RunStatus
from ..review import override_text
from .runs import RunRefused


def _fingerprint(run, pairs, active):
    shown = {
        "run": run.pk,
        "status": run.status,
        "pairs": sorted((p["student"], p["mentor"], bool(p.get("pinned"))) for p in pairs),
        "active": sorted((m.pk, m.student_id, m.mentor_id) for m in active),
    }
    return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:32]


def _active(run, lock=False):
    active = Match.objects.filter(cohort=run.cohort, state=MatchState.ACTIVE).select_related("student", "mentor")
    return list(active.select_for_update(of=("self",)) if lock else active)


def preview(*, run):
    """What publishing this run would do, in the words the confirmation page shows."""
    pairs = run.result.get("pairs", [])
    active = _active(run)
    current = {m.student_id: m for m in active}
    people = User.objects.select_related("mentor_profile").in_bulk(
        {p["student"] for p in pairs} | {p["mentor"] for p in pairs}
    )
    universities = {s["id"]: s["university"] for s in run.snapshot.get("students", [])}
    rows, emails_out = [], []
    for p in sorted(pairs, key=lambda p: str(people[p["student"]])):
        student, mentor = people[p["student"]], people[p["mentor"]]
        kept = p["student"] in current and current[p["student"]].mentor_id == p["mentor"]
        rows.append(
            {
                "student": student,
                "mentor": mentor,
                "university": universities.get(p["student"], ""),
                "score": p["score"],
                "kept": kept,
                "overrides": [override_text(code) for code in p.get("overrides", [])],
            }
        )
        if not kept:
            emails_out += [(student, mentor, p), (mentor, student, p)]
    staying = {(p["student"], p["mentor"]) for p in pairs}
    ending = [m for m in active if (m.student_id, m.mentor_id) not in staying]
    example = None
    if emails_out:
        person, other, pair = emails_out[0]
        example = _example(run, person, other, pair)
    return {
        "rows": rows,
        "ending": ending,
        "emails": [{"to": person, "about": other} for person, other, _ in emails_out],
        "example": example,
        "overridden": [r for r in rows if r["overrides"]],
        "fingerprint": _fingerprint(run, pairs, active),
    }


def _example(run, person, other, pair):
    """The first introduction as it will be sent (the match page's link is made on publishing)."""
    side = "student" if pair["student"] == person.pk else "mentor"
    match = Match(cohort=run.cohort, student_id=pair["student"], mentor_id=pair["mentor"], score=pair["score"])
    match.explanation = pair["explanation"]
    context = {"match": match, "person": person, "other": other, "match_path": "/mentoring/matches/…/"}
    subject, body, _ = outbox.render_email(f"mentoring/introduction_{side}", {"site_url": "", **context})
    return {"to": person, "subject": subject, "body": body}


def publish_run(*, run, user, fingerprint, accept_overrides=False):
    """Make the run's pairs the cohort's matches, as previewed. Unchanged pairs stay as they are; a
    student's other active match ends; each new match emails both sides once (keyed by match and side)."""
    with transaction.atomic():
        locked = MatchRun.objects.select_for_update().select_related("cohort").get(pk=run.pk)
        if locked.status == RunStatus.PUBLISHED:
            raise RunRefused("These matches are already published; nothing was sent again.")
        if locked.status != RunStatus.DONE:
            raise RunRefused("Only a finished run that is not yet published can be published.")
        pairs = {p["student"]: p for p in locked.result.get("pairs", [])}
        active = _active(locked, lock=True)
        if fingerprint != _fingerprint(locked, pairs.values(), active):
            raise RunRefused(
                "The run or the cohort's matches changed since you looked at them, so nothing was sent. "
                "Check the list below and confirm again."
            )
        if any(p.get("overrides") for p in pairs.values()) and not accept_overrides:
            raise RunRefused("Some pins override rules: tick that you accept them before publishing.")
        created = _apply(locked, user, pairs, active)
        locked.status, locked.published_at, locked.published_by = RunStatus.PUBLISHED, timezone.now(), user
        locked.save(update_fields=["status", "published_at", "published_by"])
    return locked, created


def _apply(run, user, pairs, active):
    now = timezone.now()
    kept = set()
    for match in active:
        pair = pairs.get(match.student_id)
        if pair and pair["mentor"] == match.mentor_id:
            kept.add(match.student_id)
            continue
        match.state, match.closed_at, match.closed_by = MatchState.ENDED, now, user
        match.close_reason = "Replaced when a new matching run was published."
        match.save(update_fields=["state", "closed_at", "closed_by", "close_reason"])
    people = User.objects.in_bulk({p["student"] for p in pairs.values()} | {p["mentor"] for p in pairs.values()})
    created = []
    for student_id, pair in pairs.items():
        if student_id in kept:
            continue
        created.append(
            Match.objects.create(
                cohort=run.cohort,
                run=run,
                student=people[student_id],
                mentor=people[pair["mentor"]],
                score=pair["score"],
                breakdown=pair["breakdown"],
                explanation=pair["explanation"],
            )
        )
    for match in created:
        emails.queue_introductions(match=match)
    return created
