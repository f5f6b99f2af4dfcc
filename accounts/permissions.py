from functools import wraps

import rules
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404


def may(user, perm, obj=None):
    """Whether the rules grant `perm`. Asked of the rules alone: Django's superuser flag, which
    passes every user.has_perm(), gives nobody a role's pages."""
    return rules.has_perm(perm, user, obj)


def require_or_404(user, perm, obj=None):
    """For selectors: a reader without `perm` is told nothing exists, as for another tenant's object."""
    if not may(user, perm, obj):
        raise Http404


def permission_required(perm):
    """A view for the people an app's rules.py grants `perm`. Anonymous people are sent to sign in;
    a signed-in person without it gets 403 (a route that is not for their role). Whether they may
    see one object is the selectors' job, which answer 404."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not may(request.user, perm):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
