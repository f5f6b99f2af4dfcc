"""Who may do what in mentoring: matching runs, profiles, preferences and a match's life."""

import rules

from accounts.rules import is_coordinator, is_mentor, is_student


@rules.predicate
def is_party_to(user, match):
    """The match's mentee or mentor."""
    return match is not None and user.pk in (match.student_id, match.mentor_id)


@rules.predicate
def is_mentee_in(user, match):
    return match is not None and user.pk == match.student_id


@rules.predicate
def is_mentor_in(user, match):
    return match is not None and user.pk == match.mentor_id


# Coordinators match each cohort: runs, pins and forbids, publishing, every cohort's matches.
rules.add_perm("mentoring.run_matching", is_coordinator)
# A mentor keeps their own profile; a student states their own preferences.
rules.add_perm("mentoring.keep_mentor_profile", is_mentor)
rules.add_perm("mentoring.state_preferences", is_student)
# One match: the pair and the coordinators see it; the pair declines it and logs its meetings;
# either of the pair or a coordinator ends it.
rules.add_perm("mentoring.see_match", is_party_to | is_coordinator)
rules.add_perm("mentoring.take_part_in_match", is_party_to)
rules.add_perm("mentoring.end_match", is_party_to | is_coordinator)
# Goals: the mentee writes them, the mentor confirms them, either marks one met (take_part_in_match).
rules.add_perm("mentoring.write_goals", is_mentee_in)
rules.add_perm("mentoring.confirm_goals", is_mentor_in)
