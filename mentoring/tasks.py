from celery import shared_task

from .services import matches, nudges, runs


@shared_task(name="mentoring.execute_run")
def execute_matching_run(run_id):
    runs.execute_run(run_id=run_id)


@shared_task(name="mentoring.survey_scan")
def survey_scan():
    return matches.invite_due_surveys()


@shared_task(name="mentoring.nudge_scan")
def nudge_scan():
    return nudges.nudge_quiet_pairs()
