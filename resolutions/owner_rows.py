"""One row per owner of a resolution: its follow-up line, its latest report and what it shared in answer.

The resolution page shows these rows and nothing else about the owners, so there is no second notion
("sent an answer", say) that could contradict a line's status. Other apps add what an owner shared in
answer (knowledge: its items) by registering a source from their AppConfig.ready().
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from portal import roles

from .models import FollowUpReport

# function(resolution, user) -> {organisation id: [what that organisation shared in answer]}
ANSWER_SOURCES = []


def answers_source(function):
    ANSWER_SOURCES.append(function)
    return function


@dataclass
class OwnerRow:
    organisation: object
    line: object
    reports: list = field(default_factory=list)  # newest first; members only
    answers: list = field(default_factory=list)  # what the owner shared in answer, that the reader may read
    public_attachments: list = field(default_factory=list)  # files the reporters made public

    @property
    def status(self):
        return self.line.status

    @property
    def latest_report(self):
        return self.reports[0] if self.reports else None


def owner_rows(resolution, user):
    """The resolution's owners as `user` may read them, in the lines' order.

    Members get each line's reports; the public gets none of a report but the attachments its
    reporter made public (and only while the resolution is public).
    """
    member = roles.is_member(user)
    reports = FollowUpReport.objects.select_related("author", "recorded_by").prefetch_related("attachments").order_by(
        "-reported_on", "-created_at", "-pk")
    lines = resolution.lines.select_related("organisation").prefetch_related(Prefetch("reports", queryset=reports))
    answers = {}
    for source in ANSWER_SOURCES:
        for organisation_id, items in source(resolution, user).items():
            answers.setdefault(organisation_id, []).extend(items)
    rows = []
    for line in lines:
        line_reports = list(line.reports.all())
        row = OwnerRow(organisation=line.organisation, line=line, answers=answers.get(line.organisation_id, []))
        if member:
            row.reports = line_reports
        elif resolution.is_public:
            row.public_attachments = [document for report in line_reports if report.attachments_public
                                      for document in report.attachments.all()]
        rows.append(row)
    return rows
