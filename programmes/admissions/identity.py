"""The ways a text may name a student: for withholding the name from a blind reviewer, and for
refusing a tag (shared in the queue's filter) that names one."""

import re

NAME_WITHHELD = "[name withheld]"


def applicant_label(*, show_name, name, pk):
    """An applicant as a reader sees them: their name (full name, else email), or "Applicant #<the
    application's id>" in a blind first review the reader has not yet reviewed. The queue, the
    decision board, the release confirmation, a reviewer's assignments and the review page all ask here."""
    return name if show_name else f"Applicant #{pk}"


def applicant_of(application):
    """applicant_label for an application with its review figures attached (show_name)."""
    return applicant_label(show_name=application.show_name, name=application.student.get_full_name(), pk=application.pk)


def identity_pattern(student):
    """A pattern matching the ways a note may name the student: their full name, each part of it and
    their email address (with its local part), as whole words in any case; None when nothing is known."""
    email = (student.email or "").strip()
    words = {w for w in re.split(r"[\s,]+", student.full_name or "") if len(w.strip(".-'")) >= 2}
    words |= {email, email.split("@")[0]} - {""}
    if not words:
        return None
    alternatives = sorted((re.escape(w) for w in words), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
