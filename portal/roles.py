"""The portal's roles and what each may do. Groups are (re)built by `ensure_roles`."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

SECRETARIAT = "Secretariat editors"
CITY_MANAGERS = "City crisis managers"


def _in_group(user, name):
    if not user.is_authenticated:
        return False
    cache = getattr(user, "_portal_groups", None)
    if cache is None:
        cache = user._portal_groups = set(user.groups.values_list("name", flat=True))
    return name in cache


def is_secretariat(user):
    return user.is_authenticated and (user.is_superuser or _in_group(user, SECRETARIAT))


def is_city_manager(user):
    return _in_group(user, CITY_MANAGERS)


def is_member(user):
    """Members read members-only material: the secretariat and every city manager."""
    return is_secretariat(user) or is_city_manager(user)


# Permissions that let a group's members hand out powers: managing people or groups.
POWER_PERMISSIONS = ("add_user", "change_user", "delete_user", "add_group", "change_group", "delete_group")


def privileged_groups():
    """Groups whose members manage people: the secretariat, and any group given user or group management."""
    return Group.objects.filter(
        Q(name=SECRETARIAT)
        | Q(permissions__content_type__app_label="auth", permissions__codename__in=POWER_PERMISSIONS)
    ).distinct()


def may_grant_powers(user):
    """Only a superuser makes or unmakes superusers and members of the privileged groups."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_superuser)


def organisation_of(user):
    if not user.is_authenticated:
        return None
    membership = getattr(user, "membership", None)
    return membership.organisation if membership else None


def _permissions(*codenames_by_app):
    perms = []
    for app_label, codenames in codenames_by_app:
        perms += list(
            Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        )
    return perms


def crud(model):
    return [f"{action}_{model}" for action in ("add", "change", "delete", "view")]


# What each app lets the roles do, registered from its AppConfig.ready():
# {app_label: [codenames]} for the secretariat, and functions(secretariat, managers) run after the
# groups are built (page permissions, workflows on the app's own pages).
SECRETARIAT_PERMISSIONS = {}
GRANTS = []


def grant(app_label, secretariat_codenames=(), then=None):
    """An app grants the secretariat these model permissions, and runs `then` to grant the rest."""
    SECRETARIAT_PERMISSIONS.setdefault(app_label, []).extend(secretariat_codenames)
    if then is not None:
        GRANTS.append(then)


def ensure_roles():
    """Create or repair the two groups and their permissions; safe to run any number of times."""
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
    )

    secretariat, _ = Group.objects.get_or_create(name=SECRETARIAT)
    managers, _ = Group.objects.get_or_create(name=CITY_MANAGERS)

    secretariat.permissions.set(
        _permissions(
            ("wagtailadmin", ["access_admin"]),
            ("portal", crud("organisation") + crud("hazard") + crud("phase") + crud("membership")
             + crud("organisationalias") + crud("apitoken") + crud("concept") + ["change_network"]),
            *SECRETARIAT_PERMISSIONS.items(),
            ("auth", crud("user") + ["view_group"]),
            ("wagtaildocs", ["add_document", "change_document", "choose_document", "delete_document"]),
            ("wagtailimages", ["add_image", "change_image", "choose_image", "delete_image"]),
        )
    )
    managers.permissions.set(
        _permissions(
            ("wagtailadmin", ["access_admin"]),
            ("wagtaildocs", ["add_document", "choose_document"]),
            ("wagtailimages", ["add_image", "choose_image"]),
        )
    )

    root = Page.get_first_root_node()
    if root is not None:
        for permission in ("add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"):
            GroupPagePermission.objects.get_or_create(
                group=secretariat, page=root, permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=permission
                )
            )

    collection_root = Collection.get_first_root_node()
    if collection_root is not None:
        for group, codenames in (
            (secretariat, ["add_document", "change_document", "choose_document", "delete_document"]),
            (managers, ["add_document", "choose_document"]),
        ):
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=collection_root,
                    permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename),
                )
    for then in GRANTS:
        then(secretariat, managers)
    return secretariat, managers


def secretariat_review_workflow(secretariat):
    """Knowledge items submitted by cities wait for a secretariat editor's approval."""
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowTask

    workflow, _ = Workflow.objects.get_or_create(name="Secretariat review", defaults={"active": True})
    task, _ = GroupApprovalTask.objects.get_or_create(name="Secretariat approval")
    task.groups.set([secretariat])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow
