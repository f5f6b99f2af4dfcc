"""What a coordinator reads about a run: names instead of ids, reasons in words, the diff
against the previous run."""

from programmes.cohorts.models import Partner

from . import plain
from .matching.scoring import RULES

RULE_TEXT = dict(
    zip(
        RULES,
        (
            "the student asked not to be matched with them",
            "the mentor excludes the student's university",
            "the mentor excludes this person",
            "no shared way to meet (online or in person)",
            "in person only, with no shared region",
            "no shared time of week",
        ),
        strict=True,
    )
)


OVERRIDE_TEXT = {
    **RULE_TEXT,
    "forbidden": "a coordinator forbade this pair",
    "below_min_score": "the pair scores below the run's minimum",
    "university_quota": "the university's quota is exceeded",
}


def override_text(code):
    """A rule a pin overrides, in words."""
    return OVERRIDE_TEXT.get(code, code.replace("_", " "))


def _reason_text(code, detail, name):
    if code == "no_allowed_mentor":
        removed = ", ".join(f"{RULE_TEXT.get(r, r)}: {n}" for r, n in detail.get("removed", {}).items())
        return f"No allowed mentor. Mostly because {RULE_TEXT.get(detail['rule'], detail['rule'])} ({removed})."
    if code == "places_taken":
        parts = [
            f"{name(m['mentor'])} ({m['score']:.1f}) is full with {', '.join(name(s) for s in m['taken_by'])}"
            for m in detail["mentors"]
        ]
        return "Places taken: " + "; ".join(parts) + "."
    if code == "below_min_score":
        return f"Every allowed mentor scores below the minimum of {detail['min_score']:g}."
    if code == "university_quota":
        return f"The university's places are used ({detail['places']})."
    if "forbidden" in detail:
        return f"Excluded by a coordinator: all {detail['forbidden']} allowed mentors are forbidden."
    return "Excluded from the run by a coordinator."


def describe_run(run):
    snapshot, result = run.snapshot, run.result
    people = {s["id"]: s for s in snapshot.get("students", [])}
    people.update({m["id"]: m for m in snapshot.get("mentors", [])})

    def name(pk):
        return people.get(pk, {}).get("name", f"#{pk}")

    previous_pairs = {}
    if run.previous_id and run.previous.result:
        previous_pairs = {p["student"]: p["mentor"] for p in run.previous.result.get("pairs", [])}
    alternatives, regret = result.get("alternatives", {}), result.get("regret", {})
    pairs = []
    for p in result.get("pairs", []):
        before = previous_pairs.get(p["student"])
        pairs.append(
            {
                **p,
                "student_name": name(p["student"]),
                "mentor_name": name(p["mentor"]),
                "university": people.get(p["student"], {}).get("university", ""),
                "alternatives": [{**a, "name": name(a["mentor"])} for a in alternatives.get(str(p["student"]), [])],
                "regret": regret.get(str(p["student"]), 0),
                "changed_from": name(before) if before and before != p["mentor"] else "",
                "override_texts": [override_text(code) for code in p.get("overrides", [])],
            }
        )
    pairs.sort(key=lambda p: p["student_name"])
    unmatched = [
        {**u, "student_name": name(u["student"]), "text": _reason_text(u["code"], u["detail"], name)}
        for u in result.get("unmatched", [])
    ]
    current = {p["student"]: p["mentor"] for p in result.get("pairs", [])}
    diff = [
        {"student": name(s), "before": name(previous_pairs[s]) if s in previous_pairs else "—", "after": name(m)}
        for s, m in current.items()
        if previous_pairs.get(s) != m
    ] + [{"student": name(s), "before": name(m), "after": "—"} for s, m in previous_pairs.items() if s not in current]
    summary = result.get("summary", {})
    blocking = [
        {**b, "student_name": name(b["student"]), "mentor_name": name(b["mentor"])}
        for b in summary.get("blocking_pairs", [])
    ]
    return {
        "plain": _in_words(run, summary, unmatched, previous_pairs, current),
        "blocking": blocking,
        "pairs": pairs,
        "unmatched": unmatched,
        "summary": summary,
        "timings": result.get("timings", {}),
        "diff": sorted(diff, key=lambda d: d["student"]),
        "has_previous": bool(run.previous_id),
        "pins": {tuple(p) for p in snapshot.get("pins", [])},
    }


def _in_words(run, summary, unmatched, previous_pairs, current):
    slugs = summary.get("per_university", {}).keys()
    partner_names = dict(Partner.objects.filter(slug__in=slugs).values_list("slug", "name"))
    return {
        "matched": plain.matched(summary, partner_names),
        "not_matched": plain.not_matched(unmatched),
        "places": plain.places(summary),
        "changes": plain.changes(previous_pairs, current, run.previous_id),
        "stability": plain.stability(summary),
    }


def why_not(run, *, student, mentor):
    """ "Why not this mentor for this student?" on the run's own inputs, in words."""
    from .matching.whynot import why_not as engine_why_not
    from .services.snapshot import problem_from

    people = {p["id"]: p["name"] for p in (*run.snapshot["students"], *run.snapshot["mentors"])}
    problem = problem_from(run.snapshot, objective=run.objective, weights=run.weights, options=run.options)
    answer = engine_why_not(problem, student=student, mentor=mentor, run_result=run.result)
    forced = answer.get("forced")
    if forced:
        forced["moved"] = [
            {"student": people[m["student"]], "before": people[m["before"]], "after": people[m["after"]]}
            for m in forced["moved"]
        ]
        forced["dropped"] = [people[s] for s in forced["dropped"]]
        forced["added"] = [people[s] for s in forced["added"]]
    return {
        **answer,
        "student_name": people[student],
        "mentor_name": people[mentor],
        "current_name": people.get(answer["current_mentor"], ""),
        "rule_texts": [override_text(code) for code in answer["rules"]],
    }
