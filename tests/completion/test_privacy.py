import pytest

from ftl_portal.privacy import ERASE_DELETE, ERASE_KEEP, entry_for
from programmes.completion import services
from programmes.completion.models import Certificate, SelfAssessment
from tests.factories import CohortFactory
from tests.factories_completion import complete_everything, simple_criteria
from tests.factories_sessions import confirmed_student

pytestmark = pytest.mark.django_db


def test_self_assessments_and_certificates_are_exported_and_erased_as_registered():
    cohort = CohortFactory(name="Pilot")
    simple_criteria(cohort)
    student = confirmed_student(cohort)
    complete_everything(student, cohort)
    services.issue_if_complete(participant=student, cohort=cohort)

    assessments = entry_for(SelfAssessment)
    [exported] = [assessments.export(row) for row in assessments.rows(student)]
    assert exported["cohort"] == "Pilot" and exported["stage"] == "end" and set(exported["answers"].values()) == {4}
    assert assessments.erase == ERASE_DELETE

    certificates = entry_for(Certificate)
    [exported] = [certificates.export(row) for row in certificates.rows(student)]
    assert exported["sessions_attended"] == 2 and exported["mentoring_minutes"] == 90 and exported["code"]
    assert certificates.erase == ERASE_KEEP
