"""allauth's sign-up form (ACCOUNT_FORMS["signup"]), made to cost the same whether or not the address has
an account. Separate from accounts/forms.py, which allauth imports while building this form's base class."""

from allauth.account.forms import SignupForm
from django.contrib.auth.hashers import make_password


class PortalSignupForm(SignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # A new account spends most of its time hashing the password; without the same hash here the
            # response time alone told whether an address was registered (15 ms against 230 ms). Both
            # paths then queue one email (a code, or "you already have an account").
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)
