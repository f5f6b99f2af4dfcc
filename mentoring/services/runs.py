"""Matching runs: start, execute (in a worker), pin/forbid, publish."""

from django.db import transaction
from django.utils import timezone

from ftl_portal.errors import PortalError

from ..matching import EngineError, solve
from ..models import MatchRun, PairRule, RunStatus
from . import snapshot


class RunRefused(PortalError):
    """A request the run's state does not allow; the message is for the coordinator."""


def start_run(*, cohort, user, objective, weights, options):
    from ..tasks import execute_matching_run

    previous = MatchRun.objects.filter(cohort=cohort, status__in=[RunStatus.DONE, RunStatus.PUBLISHED]).first()
    # Equal-scoring choices go by a shuffle of the students seeded with the cohort, not by sign-up
    # order, and the same seed on every run of the cohort keeps re-runs from reshuffling ties.
    options = {"tie_seed": cohort.pk, **options}
    run = MatchRun.objects.create(
        cohort=cohort, previous=previous, objective=objective, weights=weights, options=options, created_by=user
    )
    transaction.on_commit(lambda: execute_matching_run.delay(run.pk))
    return run


def _progress(run, value, **fields):
    MatchRun.objects.filter(pk=run.pk).update(progress=value, **fields)


def execute_run(*, run_id):
    run = MatchRun.objects.select_related("cohort", "previous").get(pk=run_id)
    if run.status != RunStatus.QUEUED:
        return run
    _progress(run, 10, status=RunStatus.RUNNING)
    data = snapshot.take(cohort=run.cohort, previous_run=run.previous)
    _progress(run, 40, snapshot=data)
    try:
        problem = snapshot.problem_from(data, objective=run.objective, weights=run.weights, options=run.options)
        result = solve(problem).as_dict()
    except EngineError as exc:
        _progress(run, 100, status=RunStatus.FAILED, error=str(exc), finished_at=timezone.now())
    except Exception:
        # The page stops polling and says so; the traceback goes to the worker's log.
        _progress(run, 100, status=RunStatus.FAILED, error="An unexpected error stopped the run.")
        raise
    else:
        _progress(run, 100, status=RunStatus.DONE, result=result, finished_at=timezone.now())
    run.refresh_from_db()
    return run


def set_pair_rule(*, cohort, student, mentor, kind, user, reason=""):
    rule, _ = PairRule.objects.update_or_create(
        cohort=cohort, student=student, mentor=mentor, defaults={"kind": kind, "reason": reason, "created_by": user}
    )
    return rule


def remove_pair_rule(*, rule):
    rule.delete()
