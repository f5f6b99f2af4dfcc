"""Mentor matching benchmark: synthetic cohorts (mentoring/matching/synthetic.py), exact min-cost
flow against global greedy and first-come-first-served. Prints figures; budgets from issue 5.

    .venv/bin/python bench/bench_matching.py            # everything
    .venv/bin/python bench/bench_matching.py --small    # skip 10,000 × 2,000
    .venv/bin/python bench/bench_matching.py --large    # only 10,000 × 2,000
"""

import json
import multiprocessing
import os
import resource
import sys
import time
from dataclasses import asdict
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mentoring.matching import PARTICIPATION, SCORE, STABLE, Mentor, Problem, Rules, Student, solve  # noqa: E402
from mentoring.matching import candidates as candidates_mod  # noqa: E402
from mentoring.matching.synthetic import cohort  # noqa: E402


def line(label, value, budget=""):
    print(f"  {label:<58} {value:>14}  {budget}")


def end_to_end(students, mentors, rules):
    """From the run's stored JSON snapshot to the JSON result, as the worker does it (minus the database)."""
    snapshot = json.dumps({"students": [asdict(s) for s in students], "mentors": [asdict(m) for m in mentors]})
    start, cpu = time.perf_counter(), time.process_time()
    data = json.loads(snapshot)
    problem = Problem(
        students=tuple(
            Student(**{k: tuple(v) if isinstance(v, list) else v for k, v in s.items()}) for s in data["students"]
        ),
        mentors=tuple(
            Mentor(**{k: tuple(v) if isinstance(v, list) else v for k, v in m.items()}) for m in data["mentors"]
        ),
        rules=rules,
    )
    result = solve(problem)
    json.dumps(result.as_dict())
    return time.perf_counter() - start, time.process_time() - cpu, result


def first_come_first_served(problem):
    """Students in the order they applied each take their best mentor with a place left."""
    cands = candidates_mod.build(problem, np.ones(len(problem.students), bool))
    order = np.lexsort((-cands.score, cands.student))
    places = [m.capacity for m in problem.mentors]
    taken, total, matched = set(), 0.0, 0
    for s, m, score in zip(
        cands.student[order].tolist(), cands.mentor[order].tolist(), cands.score[order].tolist(), strict=True
    ):
        if s in taken or places[m] == 0:
            continue
        taken.add(s)
        places[m] -= 1
        total += score
        matched += 1
    return round(total, 2), matched


def slot_optimum(problem):
    """SciPy's Hungarian method over mentor places expanded into slots (score objective)."""
    cands = candidates_mod.build(problem, np.ones(len(problem.students), bool))
    slot_of_mentor = np.cumsum([0] + [m.capacity for m in problem.mentors])
    gain = np.zeros((len(problem.students), slot_of_mentor[-1]))
    for k in range(max(m.capacity for m in problem.mentors)):
        has = np.array([m.capacity > k for m in problem.mentors])[cands.mentor]
        gain[cands.student[has], slot_of_mentor[cands.mentor[has]] + k] = cands.score[has]
    rows, cols = linear_sum_assignment(gain, maximize=True)
    return round(float(gain[rows, cols].sum()), 2)


def mentor_busy(summary):
    return sum(count for n, count in summary["mentor_load"]["histogram"].items() if int(n) >= 3)


def changed_mentors(before, after, forbidden):
    now = {p.student: p.mentor for p in after.pairs}
    prev = {p.student: p.mentor for p in before.pairs}
    changed = {s for s in prev if now.get(s) != prev[s]}
    return len(changed - forbidden), len(changed)


def small(n_students=1000, n_mentors=300):
    students, mentors = cohort(n_students, n_mentors, seed=1)
    print(f"\n{n_students:,} students × {n_mentors:,} mentors")
    solve(Problem(students=students, mentors=mentors))  # warm-up: imports, allocator
    runs = (
        (PARTICIPATION, Rules(objective=PARTICIPATION)),
        ("participation, universities balanced", Rules(balance_universities=True)),
        ("participation, load spread (5 points per extra mentee)", Rules(spread_load=5.0)),
        ("stable (deferred acceptance)", Rules(objective=STABLE)),
        (SCORE, Rules(objective=SCORE)),
    )
    cpu_of = {}
    for label, rules in runs:
        seconds, cpu, result = end_to_end(students, mentors, rules)
        s = result.summary
        print(f" objective = {label}")
        line("end to end (snapshot JSON → result JSON), s (CPU s)", f"{seconds:.3f} ({cpu:.3f})", "budget ≤ 0.2 s")
        line("solving (maximum and min-cost flows), s", f"{result.timings['solve']:.3f}", "budget ≤ 0.5 s")
        cpu_of[label] = cpu
        line("matched / students", f"{s['matched']} / {s['students']}")
        line("university match rates", ", ".join(f"{u} {r['rate']:.3f}" for u, r in s["per_university"].items()))
        line("total score (exact)", f"{s['total_score']:.2f}")
        line("global greedy total (matched)", f"{s['greedy_total']:.2f} ({s['greedy_matched']})")
        line("gain over global greedy, %", f"{s['gain_over_greedy_pct']:.2f}", "budget ≥ 2.5 %")
        this = s["comparison"]["this_run"]
        line("lowest pair score; blocking pairs", f"{this['lowest']:.1f}; {this['blocking']}")
        line("mentors without a mentee; with 3 or more", f"{s['mentor_load']['idle']}; {mentor_busy(s)}")
    problem = Problem(students=students, mentors=mentors, rules=Rules(objective=SCORE))
    fcfs_total, fcfs_matched = first_come_first_served(problem)
    line("first-come-first-served total (matched)", f"{fcfs_total:.2f} ({fcfs_matched})")
    line(
        "gain over first-come-first-served, %",
        f"{100 * (result.summary['total_score'] - fcfs_total) / fcfs_total:.2f}",
    )
    cpu = time.process_time()
    optimum = slot_optimum(problem)
    reference = time.process_time() - cpu
    line("SciPy linear_sum_assignment optimum (score)", f"{optimum:.2f}", "equal = exact")
    # The reference: SciPy's exact Hungarian method on the same cohort, in the same run.
    line("  SciPy's CPU s; this engine's score run ÷ SciPy's", f"{reference:.3f}; {cpu_of[SCORE] / reference:.2f}×")

    base = solve(Problem(students=students, mentors=mentors))
    previous = {p.student: p.mentor for p in base.pairs}
    one = ((base.pairs[0].student, base.pairs[0].mentor),)
    start = time.perf_counter()
    solve(Problem(students=students, mentors=mentors, forbids=one, previous=previous))
    line("re-run after one forbid, s", f"{time.perf_counter() - start:.3f}", "budget ≤ 0.2 s")
    twenty = tuple((p.student, p.mentor) for p in base.pairs[::29][:20])
    after = solve(Problem(students=students, mentors=mentors, forbids=twenty, previous=previous))
    others, including = changed_mentors(base, after, {s for s, _ in twenty})
    line(
        "after 20 forbids: other students whose mentor changed",
        f"{others} ({100 * others / n_students:.1f}%)",
        "budget < 1 %",
    )
    line("  … counting the 20 forbidden students too", f"{including} ({100 * including / n_students:.1f}%)")
    no_bonus = solve(
        Problem(students=students, mentors=mentors, forbids=twenty, previous=previous, rules=Rules(stay_bonus=0))
    )
    line("  … without the stay bonus (other students)", f"{changed_mentors(base, no_bonus, {s for s, _ in twenty})[0]}")


def large(queue, rules):
    students, mentors = cohort(10_000, 2_000, seed=2)
    start, cpu = time.perf_counter(), time.process_time()
    result = solve(Problem(students=students, mentors=mentors, rules=rules))
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    # The reference, measured in the same process: sorting as many random numbers as there are allowed pairs.
    numbers = np.random.default_rng(0).random(result.summary["allowed_pairs"])
    reference = time.process_time()
    np.sort(numbers)
    reference = time.process_time() - reference
    queue.put((seconds, cpu, rss, reference, result.timings, result.summary))


def main():
    print(f"load average before the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    if "--large" not in sys.argv:
        small()
    if "--small" in sys.argv:
        return
    for label, rules in (("participation", Rules()), ("participation, balanced", Rules(balance_universities=True))):
        print(f"\n10,000 students × 2,000 mentors ({label}; exact: optimality checked on every allowed pair)")
        queue = multiprocessing.get_context("spawn").Queue()
        child = multiprocessing.get_context("spawn").Process(target=large, args=(queue, rules))
        child.start()
        seconds, cpu, rss, reference, timings, s = queue.get()
        child.join()
        large_figures(seconds, cpu, rss, reference, timings, s)


def large_figures(seconds, cpu, rss, reference, timings, s):
    line("allowed pairs", f"{s['allowed_pairs']:,}")
    line("solve() end to end, s (CPU s)", f"{seconds:.2f} ({cpu:.2f})", "budget ≤ 10 s")
    line("  reference: sorting as many numbers, CPU s; solve ÷ it", f"{reference:.2f}; {cpu / reference:.0f}×")
    line("  of which maximum and min-cost flows, s", f"{timings['solve']:.2f}")
    line("peak memory of the process, GB", f"{rss:.2f}", "budget ≤ 1 GB")
    line("timings, s", ", ".join(f"{k} {v:.2f}" for k, v in timings.items()))
    line("matched / students", f"{s['matched']} / {s['students']}")
    line("total score; gain over global greedy, %", f"{s['total_score']:.0f}; {s['gain_over_greedy_pct']:.2f}")
    line("university match rates", ", ".join(f"{u} {r['rate']:.3f}" for u, r in s["per_university"].items()))


if __name__ == "__main__":
    main()
