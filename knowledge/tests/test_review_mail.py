"""The secretariat hears of a submission by e-mail, in its own language, sent by the worker through SMTP
after the city's request has answered."""

import pytest

from knowledge.models import KnowledgeItem
from portal.models import Membership
from portal.tests.smtp import smtp_inbox  # noqa: F401 - a fixture
from portal.tests.worker import database_tasks, waiting  # noqa: F401 - a fixture

pytestmark = pytest.mark.worker  # run after the rest, in one process (scripts/test)

SHARE = "/fa/knowledge/share/"


def test_a_submission_notifies_the_secretariat_in_its_language_through_smtp(
    client, site_tree, people, share_form_data, pdf, smtp_inbox, database_tasks,  # noqa: F811
):
    Membership.objects.filter(user=people["secretariat"]).update(language="zh-hans")
    client.force_login(people["isfahan"])

    response = client.post(SHARE, share_form_data(action="submit", documents=[pdf()]))
    assert response.status_code == 302
    assert smtp_inbox.received == []  # the request only queued the notification
    assert waiting("portal.mail.deliver_email").exists()

    database_tasks()
    [notice] = smtp_inbox.to(people["secretariat"].email)
    assert notice.recipients == [people["secretariat"].email]
    title = share_form_data()["title"]
    # The portal's own words, in Simplified Chinese; the title is set apart as Persian.
    assert notice.subject == f"待审核：\u2067{title}\u2069"
    assert f"已将“\u2067{title}\u2069”提交秘书处审核。" in notice.body
    assert f"http://testserver/admin/pages/{KnowledgeItem.objects.get(title=title).pk}/edit/" in notice.body
