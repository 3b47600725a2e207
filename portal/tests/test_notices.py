"""Comment e-mails from the editor are the portal's own, whole in the reader's language."""

from types import SimpleNamespace

import pytest
from django.core import mail

from portal.models import Membership
from portal.review_notices import send_notification
from portal.tests.languages import foreign_sentences, links_in


@pytest.mark.parametrize("language", ["fa", "zh-hans", "en"])
def test_comment_updates_are_told_whole_with_the_comments_set_apart(site_tree, people, language):
    Membership.objects.filter(user=people["tehran"]).update(language=language)
    reader = type(people["tehran"]).objects.get(pk=people["tehran"].pk)
    page = site_tree["knowledge"]
    assert send_notification([reader], "updated_comments", {
        "page": page, "editor": people["secretariat"],
        "new_comments": [SimpleNamespace(text="Add the 2012 drill results."),
                         SimpleNamespace(text="نقشه را اضافه کنید")],
        "resolved_comments": [SimpleNamespace(text="Typo")], "deleted_comments": [],
        "replied_comments": [{"comment": SimpleNamespace(text="x"), "replies": [SimpleNamespace(text="已补充。")]}],
    })
    [message] = mail.outbox
    [(html, _)] = message.alternatives
    for text, is_html in ((message.subject, False), (message.body, False), (html, True)):
        assert foreign_sentences(text, language, is_html=is_html) == [], text
    assert "Add the 2012 drill results." in message.body and "已补充。" in message.body
    assert f"http://testserver/admin/pages/{page.pk}/edit/" in message.body
    assert all(url.startswith("http://testserver/") for url in links_in(message.body) + links_in(html))


def test_wagtails_own_review_mails_are_replaced():
    from wagtail.models import TaskState, WorkflowState
    from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

    from portal import review_notices

    for signal, sender in ((task_submitted, TaskState), (workflow_approved, WorkflowState),
                           (workflow_rejected, WorkflowState), (workflow_submitted, WorkflowState)):
        receivers = [r for r in signal._live_receivers(sender)[0]]
        assert not [r for r in receivers if type(r).__module__ == "wagtail.admin.mail"], signal
    assert {type(n).__name__ for n in review_notices._notifiers} >= {"SubmittedNotifier", "ApprovedNotifier",
                                                                     "ChangesRequestedNotifier"}
