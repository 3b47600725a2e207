"""The public site's own sign-in and sign-out, in the reader's language (the admin keeps its own).

The same throttle guards both: the form passes the request to `authenticate`, so django-axes counts
failures per address and per name from that address, and a locked sign-in is told how long to wait.
"""

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from . import roles
from .security import SaysHowLongToWait

# Where members land after signing in (the workspace, served by an app: found by its URL name).
MEMBERS_LANDING = "workspace"


class SignInForm(SaysHowLongToWait, AuthenticationForm):
    username = forms.CharField(label=_("User name"), max_length=254,
                               widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username",
                                                             "dir": "ltr", "autocapitalize": "none"}))
    password = forms.CharField(label=_("Password"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "dir": "ltr"}))

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("That user name and password do not match. Both are case-sensitive."),
        "inactive": _("This account is not active."),
    }


def landing_for(user):
    """Members go to their workspace; anyone else to the home page."""
    if roles.is_member(user):
        try:
            return reverse(MEMBERS_LANDING)
        except NoReverseMatch:  # a project without the workspace
            pass
    return home()


def home():
    return reverse("wagtail_serve", args=[""])


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "portal/sign_in.html"
    redirect_authenticated_user = False

    def get_default_redirect_url(self):
        # Without a safe `next` (Django checks it is this site's): where the person's role lands.
        return landing_for(self.request.user)


class SignOutView(auth_views.LogoutView):
    """POST only (Django's LogoutView), with the CSRF token; back to the home page in the reader's language."""

    def get_default_redirect_url(self):
        return home()
