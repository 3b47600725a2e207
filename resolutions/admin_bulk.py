"""The bulk change in the admin's lists of resolutions and follow-up lines (Follow-up › …): tick,
choose a status or a due date and a note, review what will change, confirm."""

from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction

from portal import roles

from . import bulk
from .bulk_forms import BulkChangeForm
from .models import FollowUpLine, Resolution


class ChangeStatusOrDueDate(SnippetBulkAction):
    display_name = _("Change status or due date")
    action_type = "change_status_or_due_date"
    aria_label = _("Change the status or the due date of the selected items")
    template_name = "resolutions/admin/bulk_change.html"
    action_priority = 20
    form_class = BulkChangeForm
    models = [Resolution, FollowUpLine]

    def check_perm(self, obj):
        return roles.is_secretariat(self.request.user)

    def _plan(self, objects, form):
        resolutions = [obj for obj in objects if isinstance(obj, Resolution)]
        lines = [obj for obj in objects if isinstance(obj, FollowUpLine)]
        return bulk.plan(resolutions=resolutions, lines=lines, **form.change_arguments())

    def form_valid(self, form):
        if form.cleaned_data["confirmed"]:
            return super().form_valid(form)
        # First the review: what will change, then the same form with `confirmed` set.
        objects, _no_access = self.get_actionable_objects()
        data = form.data.copy()
        data["confirmed"] = "True"
        context = self.get_context_data(form=self.form_class(data), plan=self._plan(objects, form))
        return TemplateResponse(self.request, self.template_name, context)

    def get_execution_context(self):
        return {**super().get_execution_context(),
                "plan": self._plan(self.actionable_objects, self.cleaned_form),
                "note": self.cleaned_form.cleaned_data["note"], "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, plan=None, note="", user=None, **kwargs):
        self = kwargs["self"]
        self.done_plan = plan
        bulk.apply(plan, note=note, user=user)
        return len(plan.lines) + len(plan.resolutions), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        return self.done_plan.summary(done=True)
