"""The portal's own review e-mails, in place of Wagtail's: each whole in its recipient's language.

Wagtail's workflow e-mails mix the catalogue's words with names stored in English (the workflow's
"Secretariat review" and "Secretariat approval"), say "rejected" where the portal says "Changes
requested", and send everyone to the admin's editor. The same events (a page sent for review,
approved, sent back; comments in the editor; a password reset) send the notices below instead,
with Wagtail's choice of recipients and their notification preferences kept. A submitter is sent
where they act: an app names that page (`requester_page`), else the admin's editor.
"""

import functools
import logging

from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin import mail as wagtail_mail
from wagtail.admin.forms.auth import PasswordResetForm as WagtailPasswordResetForm
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from .notices import Action, Foreign, Notice, email_for, link, link_to, say

logger = logging.getLogger(__name__)

# Apps name the page where the person who sent a page for review follows it up:
# functions (page, user) -> a path in the active language, or None when they do not know the page.
REQUESTER_PAGES = []


def requester_page(function):
    REQUESTER_PAGES.append(function)
    return function


def admin_edit_link(page):
    return link(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def follow_up_link(page, user):
    """Where `user`, who sent `page` for review, acts on it: an app's page for it, else the editor."""
    for function in REQUESTER_PAGES:
        if path := function(page, user):
            return link(path)
    return admin_edit_link(page)


def page_title(page):
    # Known by its script: an item's language is its text's, which its title need not share.
    return Foreign(page.get_admin_display_title())


def preferences_footer():
    return {"footer": [say(_("You receive this e-mail because of your account on the portal."))],
            "footer_action": Action(_("Choose which e-mails you receive:"),
                                    link_to("wagtailadmin_account") + "#tab-notifications")}


def _send(recipients, compose):
    """Send each recipient their own notice; a failure is logged and the others still go."""
    sent = 0
    for recipient in recipients:
        try:
            email_for(recipient, functools.partial(compose, recipient)).send()
            sent += 1
        except Exception:
            logger.exception("Review e-mail to %s not sent.", recipient.email)
    return sent == len(recipients)


# --- the notices -----------------------------------------------------------------------------------

def submitted_notice(page, requested_by):
    """To the secretariat: a page waits for its review."""
    def compose(recipient):
        values = {"title": page_title(page)}
        organisation = getattr(page, "organisation", None)
        if requested_by is not None and organisation is not None:
            sentence = say(_("%(person)s (%(organisation)s) sent “%(title)s” to the secretariat for review."),
                           person=Foreign.person(requested_by), organisation=Foreign.name(organisation), **values)
        elif requested_by is not None:
            sentence = say(_("%(person)s sent “%(title)s” to the secretariat for review."),
                           person=Foreign.person(requested_by), **values)
        else:
            sentence = say(_("“%(title)s” was sent to the secretariat for review."), **values)
        return Notice(
            subject=say(_("For review: %(title)s"), **values),
            paragraphs=[sentence, say(_("Approve and publish it, or request changes with a comment for its author."))],
            actions=[Action(_("Review it here:"), admin_edit_link(page))],
            **preferences_footer(),
        )
    return compose


def approved_notice(page):
    """To the person who sent the page: it is published."""
    def compose(recipient):
        values = {"title": page_title(page)}
        actions = [Action(_("Your submission:"), follow_up_link(page, recipient))]
        if page.live and (url := page.get_url()):
            actions.append(Action(_("See it on the portal:"), link(url)))
        return Notice(
            subject=say(_("Published: %(title)s"), **values),
            paragraphs=[say(_("The secretariat approved “%(title)s”. It is now published on the portal."), **values)],
            actions=actions,
            **preferences_footer(),
        )
    return compose


def changes_requested_notice(page, comment, reviewer):
    """To the person who sent the page: the secretariat asks for changes, with its comment."""
    def compose(recipient):
        values = {"title": page_title(page)}
        paragraphs = [say(_("The secretariat requested changes to “%(title)s”."), **values)]
        if comment:
            if reviewer is not None:
                paragraphs.append(say(_("%(person)s wrote:"), person=Foreign.person(reviewer)))
            else:
                paragraphs.append(say(_("The reviewer wrote:")))
        return Notice(
            subject=say(_("Changes requested: %(title)s"), **values),
            paragraphs=paragraphs,
            quote=Foreign(comment) if comment else None,
            actions=[Action(_("Make the changes here, then send it for review again:"),
                            follow_up_link(page, recipient))],
            **preferences_footer(),
        )
    return compose


def comments_notice(page, editor, new_comments, resolved_comments, replied_comments):
    """To the people following a page's comments: what was said in the editor."""
    def compose(recipient):
        values = {"title": page_title(page), "person": Foreign.person(editor)}
        items = [Foreign(comment.text) for comment in new_comments]
        for thread in replied_comments:
            items += [Foreign(reply.text) for reply in thread["replies"]]
        paragraphs = [say(_("%(person)s commented on “%(title)s”:"), **values)] if items else [
            say(_("%(person)s updated the comments on “%(title)s”."), **values)]
        if resolved_comments:
            paragraphs.append(say(ngettext("%(count)s comment was marked resolved.",
                                           "%(count)s comments were marked resolved.", len(resolved_comments)),
                                  count=len(resolved_comments)))
        owner = getattr(page, "owner_id", None) == recipient.pk
        return Notice(
            subject=say(_("New comments on %(title)s"), **values),
            paragraphs=paragraphs,
            items=items,
            actions=[Action(_("Open it here:"), follow_up_link(page, recipient) if owner else admin_edit_link(page))],
            **preferences_footer(),
        )
    return compose


# --- Wagtail's events, with Wagtail's recipients -----------------------------------------------------

class SubmittedNotifier(wagtail_mail.GroupApprovalTaskStateSubmissionEmailNotifier):
    def send_notifications(self, template_set, context, recipients, **kwargs):
        task_state = context["task_state"]
        page = context["object"].specific
        return _send(recipients, submitted_notice(page, task_state.workflow_state.requested_by))

    def get_context(self, task_state, **kwargs):
        return {**super().get_context(task_state, **kwargs), "task_state": task_state}


class ApprovedNotifier(wagtail_mail.WorkflowStateApprovalEmailNotifier):
    def send_notifications(self, template_set, context, recipients, **kwargs):
        return _send(recipients, approved_notice(context["object"].specific))


class ChangesRequestedNotifier(wagtail_mail.WorkflowStateRejectionEmailNotifier):
    def send_notifications(self, template_set, context, recipients, **kwargs):
        task_state = context["task_state"]
        notice = changes_requested_notice(context["object"].specific, context["comment"], task_state.finished_by)
        return _send(recipients, notice)


def send_notification(recipient_users, notification, extra_context):
    """Wagtail's editor calls this for comment e-mails (`updated_comments`); others go to Wagtail's."""
    if notification != "updated_comments":
        return wagtail_mail.send_notification(recipient_users, notification, extra_context)
    from wagtail.users.models import UserProfile

    recipients = [user for user in recipient_users
                  if user.is_active and user.email and UserProfile.get_for_user(user).updated_comments_notifications]
    return _send(recipients, comments_notice(
        extra_context["page"].specific, extra_context["editor"], extra_context.get("new_comments", []),
        extra_context.get("resolved_comments", []), extra_context.get("replied_comments", []),
    ))


# The signals and dispatch ids Wagtail connects its notifiers with (wagtail.admin.signal_handlers).
REPLACED = (
    (task_submitted, TaskState, "group_approval_task_submitted_email_notification", SubmittedNotifier),
    (workflow_rejected, WorkflowState, "workflow_state_rejected_email_notification", ChangesRequestedNotifier),
    (workflow_approved, WorkflowState, "workflow_state_approved_email_notification", ApprovedNotifier),
)
# Wagtail also writes to superusers when a workflow starts; they already hear of the task above.
SILENCED = ((workflow_submitted, WorkflowState, "workflow_state_submitted_email_notification"),)

_notifiers = []


def connect():
    """Put the portal's notices in place of Wagtail's, whichever app's ready() runs first: a receiver
    under Wagtail's dispatch id keeps Wagtail's own from being connected after it."""
    from wagtail.admin.views.pages import edit

    for signal, sender, uid, notifier_class in REPLACED:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        notifier = notifier_class()
        _notifiers.append(notifier)  # signals hold weak references
        signal.connect(notifier, sender=sender, dispatch_uid=uid)
    for signal, sender, uid in SILENCED:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(_silent, sender=sender, dispatch_uid=uid)
    edit.send_notification = send_notification


def _silent(**kwargs):
    return True


# --- password reset ---------------------------------------------------------------------------

def password_reset_notice(user, url):
    def compose():
        return Notice(
            subject=say(_("Reset your password")),
            paragraphs=[say(_("Someone, probably you, asked to reset the password of the account %(username)s "
                              "on the portal."), username=Foreign(user.get_username())),
                        say(_("If it was not you, ignore this e-mail: your password stays as it is."))],
            actions=[Action(_("Choose a new password here:"), url)],
        )
    return compose


class PasswordResetForm(WagtailPasswordResetForm):
    """Wagtail's reset form, writing to each account in its own language (not the requester's)."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):
        user = context["user"]
        url = link(reverse("wagtailadmin_password_reset_confirm", kwargs={
            "uidb64": context.get("uid") or urlsafe_base64_encode(force_bytes(user.pk)),
            "token": context.get("token") or default_token_generator.make_token(user),
        }))
        message = email_for(user, password_reset_notice(user, url))
        message.to = [to_email]
        message.send()
