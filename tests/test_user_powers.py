"""Only a superuser hands out powers through Wagtail's user admin: superuser status and the groups
that manage people. Checked through the admin's own forms and bulk actions."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from portal import roles
from portal.factories import UserFactory


@pytest.fixture
def admins(site_tree, people):
    return {**people, "root": UserFactory(username="root", is_superuser=True, is_staff=True)}


def edit_url(user):
    return reverse("wagtailusers_users:edit", args=[user.pk])


def edit_data(user, **changes):
    data = {"username": user.username, "email": f"{user.username}@example.org", "first_name": "Some",
            "last_name": "One", "is_active": "on", "password1": "", "password2": "",
            "groups": [str(pk) for pk in user.groups.values_list("pk", flat=True)]}
    return data | changes


def new_user_data(username, **changes):
    return {"username": username, "email": f"{username}@example.org", "first_name": "New", "last_name": "Person",
            "password1": "a-long-enough-passphrase", "password2": "a-long-enough-passphrase"} | changes


def secretariat_group():
    return Group.objects.get(name=roles.SECRETARIAT)


def test_secretariat_editor_sees_no_superuser_field_nor_privileged_groups(client, admins):
    client.force_login(admins["secretariat"])
    for url in (edit_url(admins["isfahan"]), reverse("wagtailusers_users:add")):
        response = client.get(url)
        assert response.status_code == 200, url
        form = response.context["form"]
        assert "is_superuser" not in form.fields and 'name="is_superuser"' not in response.content.decode()
        offered = set(form.fields["groups"].queryset.values_list("name", flat=True))
        assert roles.CITY_MANAGERS in offered and roles.SECRETARIAT not in offered


def test_a_forged_post_makes_nobody_superuser_or_secretariat(client, admins):
    client.force_login(admins["secretariat"])
    target = admins["isfahan"]
    forged = edit_data(target, is_superuser="on",
                       groups=[str(pk) for pk in Group.objects.values_list("pk", flat=True)])
    response = client.post(edit_url(target), forged)
    target.refresh_from_db()
    assert not target.is_superuser
    assert not target.groups.filter(name=roles.SECRETARIAT).exists()
    # The form refuses the group it does not offer; a post naming only allowed groups goes through.
    assert response.status_code == 200
    response = client.post(edit_url(target), edit_data(target, is_superuser="on", first_name="Renamed"))
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.first_name == "Renamed" and not target.is_superuser
    assert target.groups.filter(name=roles.CITY_MANAGERS).exists()

    response = client.post(reverse("wagtailusers_users:add"),
                           new_user_data("forged", is_superuser="on", groups=[str(secretariat_group().pk)]))
    created = type(target).objects.filter(username="forged").first()
    assert created is None or not (created.is_superuser or created.groups.filter(name=roles.SECRETARIAT).exists())
    client.post(reverse("wagtailusers_users:add"), new_user_data("plain", is_superuser="on"))
    created = type(target).objects.get(username="plain")
    assert not created.is_superuser


def test_editing_a_colleague_keeps_their_secretariat_membership(client, admins):
    colleague = admins["secretariat"]
    editor = UserFactory(username="editor2")
    editor.groups.add(secretariat_group())
    client.force_login(editor)
    response = client.post(edit_url(colleague), edit_data(colleague, groups=[], first_name="Kept"))
    assert response.status_code == 302
    colleague.refresh_from_db()
    assert colleague.first_name == "Kept" and colleague.groups.filter(name=roles.SECRETARIAT).exists()


def test_secretariat_editor_cannot_edit_a_superuser(client, admins):
    client.force_login(admins["secretariat"])
    root = admins["root"]
    assert client.get(edit_url(root)).status_code in (302, 403)
    client.post(edit_url(root), edit_data(root, password1="taken-over-123", password2="taken-over-123"))
    root.refresh_from_db()
    assert root.check_password("pass") and root.is_superuser


def test_a_superuser_still_grants_and_removes_powers(client, admins):
    client.force_login(admins["root"])
    target = admins["isfahan"]
    response = client.get(edit_url(target))
    assert "is_superuser" in response.context["form"].fields
    response = client.post(edit_url(target), edit_data(target, is_superuser="on",
                                                       groups=[str(secretariat_group().pk)]))
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.is_superuser and target.groups.filter(name=roles.SECRETARIAT).exists()
    response = client.post(edit_url(target), edit_data(target, groups=[]))
    target.refresh_from_db()
    assert not target.is_superuser and not target.groups.exists()


def test_bulk_actions_hand_out_no_powers(client, admins):
    client.force_login(admins["secretariat"])
    target, root = admins["isfahan"], admins["root"]
    assign = reverse("wagtail_bulk_action", args=["auth", "user", "assign_role"]) + f"?id={target.pk}"
    response = client.get(assign)
    assert response.status_code == 200
    assert roles.SECRETARIAT not in response.content.decode()
    client.post(assign, {"role": secretariat_group().pk})
    assert not target.groups.filter(name=roles.SECRETARIAT).exists()

    deactivate = reverse("wagtail_bulk_action", args=["auth", "user", "set_active_state"]) + f"?id={root.pk}"
    client.post(deactivate, {"mark_as_active": "False"})
    root.refresh_from_db()
    assert root.is_active
