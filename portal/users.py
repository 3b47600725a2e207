"""Wagtail's user admin, with one rule added: only a superuser hands out powers.

The secretariat manages people, but only a superuser makes or unmakes superusers and members of
the groups that manage people (roles.privileged_groups), or changes a superuser's account. For
anyone else the forms have no such fields, so a forged POST sets nothing, and the bulk actions
offer no such group and skip superusers.
"""

from django.core.exceptions import PermissionDenied
from wagtail.users import forms
from wagtail.users.views import users
from wagtail.users.views.bulk_actions import AssignRoleBulkAction, SetActiveStateBulkAction

from . import roles


class GrantsOnlyWhatTheRequesterMay:
    def __init__(self, *args, requested_by=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_groups = []
        if roles.may_grant_powers(requested_by):
            return
        self.fields.pop("is_superuser", None)
        if "groups" in self.fields:
            privileged = roles.privileged_groups().values("pk")
            self.fields["groups"].queryset = self.fields["groups"].queryset.exclude(pk__in=privileged)
            if self.instance.pk:
                self.kept_groups = list(self.instance.groups.filter(pk__in=privileged))

    def clean_groups(self):
        # The privileged memberships the requester may not change stay as they were.
        return [*self.cleaned_data["groups"], *self.kept_groups]


class UserCreationForm(GrantsOnlyWhatTheRequesterMay, forms.UserCreationForm):
    pass


class UserEditForm(GrantsOnlyWhatTheRequesterMay, forms.UserEditForm):
    pass


def _requester_kwargs(view, kwargs):
    return {**kwargs, "requested_by": view.request.user}


class CreateView(users.CreateView):
    def get_form_kwargs(self):
        return _requester_kwargs(self, super().get_form_kwargs())


class EditView(users.EditView):
    def dispatch(self, request, *args, **kwargs):
        if self.object.is_superuser and not roles.may_grant_powers(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return _requester_kwargs(self, super().get_form_kwargs())


class UserViewSet(users.UserViewSet):
    add_view_class = CreateView
    edit_view_class = EditView

    def get_form_class(self, for_update=False):
        return UserEditForm if for_update else UserCreationForm


class AssignRole(AssignRoleBulkAction):
    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not roles.may_grant_powers(self.request.user):
            role = form.fields["role"]
            role.queryset = role.queryset.exclude(pk__in=roles.privileged_groups().values("pk"))
        return form


class SetActiveState(SetActiveStateBulkAction):
    def check_perm(self, obj):
        return super().check_perm(obj) and (not obj.is_superuser or roles.may_grant_powers(self.request.user))
