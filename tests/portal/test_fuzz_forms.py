"""Every form and query a person can reach, fuzzed with hypothesis: the forms are read from the
pages each kind of person is shown (the role x route matrix's pages, on the demo data), and each is
sent FTL_FUZZ_EXAMPLES (default 50) generated submissions: out-of-range numbers and dates, huge and
odd text, NUL bytes, choices that were not offered, files that are not what they say. No answer is
a 5xx, and an answer that does not go on (anything but a redirect) leaves the database as it was.
A form a page repeats on every row of a list (a check-in per booking, a reassignment per
assignment) is one form, and each of its submissions goes to one of its rows, drawn by hypothesis:
sent to every row, each row's copy (the same view and fields, the same derandomized examples) would
repeat the others' requests on another object."""

import os
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.portal.forms_on_pages import forms_on
from tests.portal.route_matrix import BEARER, DEVELOPMENT_ONLY, fingerprint, portal_routes, route_kwargs

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FTL_FUZZ_EXAMPLES", "50"))
ROLES = ("anonymous", "student", "student_other_university", "staff", "coordinator", "mentor")
# Forms whose every submission ends the session or the person: fuzzing them would leave the rest
# of the run signed out.
LEFT_ALONE = {"/accounts/logout/", reverse("privacy:erase_account")}
ROW_ID = re.compile(r"/\d+(?=/)")  # /sessions/programme/3/register/41/check-in/: the same form on each row

odd_text = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", " ", "\x00", "0", "-1", "1e309", "NaN", "9" * 30, "<script>x</script>", "=1+1", "a" * 5000]),
    st.sampled_from(["0001-01-01", "9999-12-31", "2026-02-30", "0001-01", "9999-12", "24:61", "2026-13-01T25:00"]),
)


def value_for(field):
    if field.kind == "file":
        return st.binary(max_size=2000).map(lambda b: SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n" + b))
    if field.options:
        return st.one_of(st.sampled_from(field.options), odd_text)
    return odd_text


def submissions(form):
    return st.fixed_dictionaries({}, optional={name: value_for(f) for name, f in form.fields.items()})


def reachable_forms(world):
    """Each distinct form of each page the roles are shown, once, with someone who reaches it; the
    rows of a repeated form together: [(role, [form, ...]), ...]."""
    kwargs, found = route_kwargs(world), {}
    for role in ROLES:
        client = signed_in(world.people[role])
        for name, _, _, _ in portal_routes():
            if name in BEARER or name in DEVELOPMENT_ONLY:
                continue
            url = reverse(name, kwargs=kwargs.get(name))
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            for form in forms_on(url, response.content.decode()):
                if form.fields and form.action not in LEFT_ALONE:
                    found.setdefault(form.key, (role, form))
    rows = {}
    for role, form in found.values():
        method, action, fields = form.key
        rows.setdefault((role, method, ROW_ID.sub("/N", action), fields), (role, []))[1].append(form)
    return list(rows.values())


def signed_in(person):
    client = Client(raise_request_exception=False)
    if person is not None:
        client.force_login(person)
    return client


def fuzz(*, role, client, rows):
    """Send the form (on one of its rows each time) EXAMPLES generated submissions; raise
    AssertionError on the first that fails. The database is read before and after only around a
    POST: the state after a redirect (the form went on and may rightly have written) is the next
    one's before."""
    posted = rows[0].method == "post"
    state = {"before": fingerprint() if posted else None}

    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
    )
    @given(sent=st.sampled_from(rows).flatmap(lambda form: st.tuples(st.just(form), submissions(form))))
    def send(sent):
        form, data = sent
        if posted:
            response = client.post(form.action, data)
        else:
            response = client.get(form.action, {k: v for k, v in data.items() if isinstance(v, str)})
        where = f"{role} {form.method.upper()} {form.action} {sorted(data)}"
        assert response.status_code < 500, f"{where}: {response.status_code}"
        if not posted:
            return
        after = fingerprint()
        if response.status_code not in (301, 302, 303):
            assert after == state["before"], f"{where}: answered {response.status_code} but changed the database"
        state["before"] = after

    send()


def test_no_form_or_query_answers_a_5xx_or_writes_half(world):
    problems = []
    forms = reachable_forms(world)
    assert len(forms) > 40, f"only {len(forms)} forms found: the pages did not render as expected"
    copies = sum(len(rows) for _, rows in forms)
    print(f"fuzzing {len(forms)} forms ({copies} with their rows), {EXAMPLES} submissions each")
    for role, rows in forms:
        try:
            fuzz(role=role, client=signed_in(world.people[role]), rows=rows)
        except AssertionError as failure:
            problems.append(str(failure).splitlines()[0])
    assert not problems, "\n".join(problems)
