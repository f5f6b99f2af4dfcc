"""Reads for decisions: which universities' quotas a person sees, and the places taken."""

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Func, IntegerField, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.models import Role
from programmes.admissions import read_cache
from programmes.admissions.models import Application, Decision, StagedDecision
from programmes.admissions.models import ApplicationState as S
from programmes.cohorts.models import Cohort, CohortPartner, Partner

# The states that hold one of the university's places.
PLACE_HOLDING_STATES = {S.OFFERED, S.CONFIRMED}


def cohort_partners_in_scope(*, user):
    cohort_partners = CohortPartner.objects.select_related("cohort", "partner").order_by("cohort__name", "partner")
    if user.role == Role.COORDINATOR:
        return cohort_partners
    if user.role == Role.STAFF:
        return cohort_partners.filter(partner_id=user.partner_id)
    raise Http404


# What the decision board reads of each of its cohort partners.
SEAT_VALUES = ("pk", "quota", "cohort_id", "cohort__name", "cohort__staff_may_release", "partner_id", "partner__name")


def board_seats(*, user):
    """cohort_partners_in_scope's cohort partners, from the set-up cache (read_cache.CHOICES, which
    every write of a cohort, a university or their places bumps): each with the quota, its cohort's
    name and staff_may_release and its university's name, as the decision board and its rules read
    them; their other fields are deferred, read from the database if something asks. Every board page
    ran the query, and the ORM's query and its eighteen instances cost more Python than the cache."""
    seats = cohort_partners_in_scope(user=user)  # another role: a 404 before any read
    scope = "all" if user.role == Role.COORDINATOR else user.partner_id

    def compute():
        return list(seats.values_list(*SEAT_VALUES))

    rows = read_cache.cached_many({"seats": (read_cache.CHOICES, f"board-seats:{scope}", compute)})["seats"]
    return [_seat(*row) for row in rows]


def _seat(pk, quota, cohort_id, cohort_name, staff_may_release, partner_id, partner_name):
    seat = _loaded(CohortPartner, id=pk, cohort_id=cohort_id, partner_id=partner_id, quota=quota)
    seat.cohort = _loaded(Cohort, id=cohort_id, name=cohort_name, staff_may_release=staff_may_release)
    seat.partner = _loaded(Partner, id=partner_id, name=partner_name)
    return seat


def _loaded(model, **values):
    """An instance as the database would give it with only these fields loaded (the rest deferred)."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(DEFAULT_DB_ALIAS, names, [values[name] for name in names])


def cohort_partner_for(*, user, pk):
    return get_object_or_404(cohort_partners_in_scope(user=user), pk=pk)


def places_taken_expression(*, cohort, partner, excluding=None):
    """Offered + confirmed + staged offers of a cohort's university (cohort and partner: ids or
    OuterRefs), as one expression of two counts. Each walks only what it counts: the held places
    through the (cohort, partner, state) index, the staged offers from the staged decisions, each
    looking up its own application by key. As a join, PostgreSQL planned the staged offers as a merge
    join walking every application (a scalar subquery is never turned into a join)."""
    held = Application.objects.filter(cohort_id=cohort, partner_id=partner, state__in=PLACE_HOLDING_STATES)
    its_application = (
        Application.objects.order_by()
        .filter(pk=OuterRef("application_id"), cohort_id=_deeper(cohort), partner_id=_deeper(partner))
        .exclude(state__in=PLACE_HOLDING_STATES)
    )
    staged_offers = (
        StagedDecision.objects.filter(decision=Decision.OFFER)
        .annotate(counted=Subquery(its_application.values("pk")[:1]))
        .filter(counted__isnull=False)
    )
    if excluding is not None:
        staged_offers = staged_offers.exclude(application_id=excluding)
    return _count(held) + _count(staged_offers)


def _deeper(value):
    """A reference to the outer query, seen from one subquery further in."""
    return OuterRef(value) if isinstance(value, OuterRef) else value


def _count(queryset):
    # COUNT(*), not of a column: the held places are then counted from the index alone.
    counted = queryset.order_by().annotate(n=Func(template="COUNT(*)", output_field=IntegerField())).values("n")
    return Subquery(counted[:1], output_field=IntegerField())


def places_taken(*, cohort_id, partner_id, excluding=None):
    """What counts against the university's quota in the cohort (in one query)."""
    taken = places_taken_expression(cohort=cohort_id, partner=partner_id, excluding=excluding)
    return Partner.objects.filter(pk=partner_id).annotate(taken=taken).values_list("taken", flat=True).first() or 0


def seat_of(*, cohort, partner_id):
    """The university's CohortPartner in the cohort (its cohort set to the one given; None if the
    university has no places there) and the places taken, from the cache: the quota filed under the
    set-up version, the places under the university's, which every write of its applications, reviews
    and staged decisions bumps. Computing the places' subqueries cost an application's page more
    Python than any other part of it."""
    reads = read_cache.cached_many(
        {
            "seat": (
                read_cache.CHOICES,
                f"seat:{cohort.pk}:{partner_id}",
                lambda: (
                    CohortPartner.objects.filter(cohort_id=cohort.pk, partner_id=partner_id)
                    .values_list("pk", "quota")
                    .first()
                ),
            ),
            "taken": (
                partner_id,
                f"places-taken:{cohort.pk}:{partner_id}",
                lambda: places_taken(cohort_id=cohort.pk, partner_id=partner_id),
            ),
        }
    )
    if reads["seat"] is None:
        return None, 0
    pk, quota = reads["seat"]
    return CohortPartner(pk=pk, cohort=cohort, partner_id=partner_id, quota=quota), reads["taken"]


def places_taken_in_scope(*, cohort_partners, scope):
    """{CohortPartner pk: places taken} for cohort partners whose universities are all in the read
    cache's `scope` (read_cache.university_scope), from the cache, or in one query: a subquery per
    row (places_taken_expression). The key names the pairs, so a new cohort partner is a new key."""
    pks = sorted(cp.pk for cp in cohort_partners)

    def compute():
        taken = places_taken_expression(cohort=OuterRef("cohort_id"), partner=OuterRef("partner_id"))
        return dict(CohortPartner.objects.filter(pk__in=pks).annotate(taken=taken).values_list("pk", "taken"))

    key = "places-taken-of:" + ",".join(map(str, pks))
    return read_cache.cached_many({"taken": (scope, key, compute)})["taken"]
