"""`manage.py import_documents FILE.jsonl`: external documents as published, public knowledge items."""

import datetime
import io
import json
from urllib.parse import quote

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Revision

from knowledge.factories import add_item
from knowledge.models import (
    ExperienceReport,
    KnowledgeIndexPage,
    KnowledgeItem,
    Study,
    TrainingExperience,
    Visibility,
)
from portal.models import OrganisationKind

FA_SEED = "000_da4a4a6b3192978a.txt"
ZH_SEED = "002_3fadfe4a887cda39.txt"


@pytest.fixture
def network(site_tree, orgs):
    orgs["isfahan"].aliases = "شهرداری اصفهان\nIsfahan municipality"
    orgs["isfahan"].save()
    return orgs


def seed_document(seeds, name):
    """(title, body) from a sample file: its first long paragraph is the title, the rest the body."""
    paragraphs = [p.strip() for p in (seeds / name).read_text(encoding="utf-8").split("\n\n") if p.strip()]
    start = next(i for i, p in enumerate(paragraphs) if len(p) > 20)
    return paragraphs[start][:200], "\n\n".join(paragraphs[start + 1:])


def write_jsonl(path, *lines, prefix=b"", newline="\n"):
    """Each line a dict (written as JSON) or text (written as is)."""
    text = newline.join(
        line if isinstance(line, str) else json.dumps(line, ensure_ascii=False) for line in lines
    )
    path.write_bytes(prefix + (text + newline).encode("utf-8"))
    return path


def run(path, *args):
    """(exit status, stdout, stderr) of the command."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_documents", str(path), *args, stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def three_languages(seeds):
    fa_title, fa_body = seed_document(seeds, FA_SEED)
    zh_title, zh_body = seed_document(seeds, ZH_SEED)
    return [
        {"title": fa_title, "body": fa_body, "language": "fa", "kind": "study",
         "organisation": "شهرداري اصفهان",  # Arabic yeh: matched like the alias
         "date": "۱۳۹۸/۰۶/۲۶", "source_url": "https://example.org/qazvin-plan", "external_id": "fa-001"},
        {"title": zh_title, "body": zh_body, "language": "zh", "kind": "training", "external_id": "zh-002"},
        {"title": "Flood drill in the old town", "body": "We trained 400 residents.\n\nWhat we learned.",
         "language": "en", "kind": "report", "organisation": "tehran", "date": "2012-09-22",
         "external_id": 3},
    ]


def test_each_line_becomes_a_live_public_item(tmp_path, network, seeds):
    status, out, err = run(write_jsonl(tmp_path / "docs.jsonl", *three_languages(seeds)))
    assert (status, err) == (0, "")
    assert out.strip() == "created 3, updated 0, unchanged 0, skipped 0"

    items = {item.external_id: item.specific for item in KnowledgeItem.objects.all()}
    assert set(items) == {"fa-001", "zh-002", "3"}
    assert all(item.live and item.visibility == Visibility.PUBLIC for item in items.values())
    assert all(item.get_parent().specific_class.__name__ == "KnowledgeIndexPage" for item in items.values())

    fa, zh, en = items["fa-001"], items["zh-002"], items["3"]
    assert isinstance(fa, Study) and isinstance(zh, TrainingExperience) and isinstance(en, ExperienceReport)
    assert fa.organisation == network["isfahan"] and fa.language == "fa"
    assert fa.document_date == datetime.date(2019, 9, 17)  # Jalali 1398/06/26
    assert fa.source_url == "https://example.org/qazvin-plan"
    assert zh.organisation == network["secretariat"]  # no organisation: the network secretariat
    assert zh.document_date is None
    assert en.organisation == network["tehran"] and en.document_date == datetime.date(2012, 9, 22)
    assert [block.block_type for block in en.body] == ["paragraph", "paragraph"]
    assert en.summary == "We trained 400 residents."
    assert fa.summary and fa.summary in fa.body[0].value.source


def test_reimport_updates_and_never_duplicates(tmp_path, network, seeds):
    lines = three_languages(seeds)
    lines.append({"title": "Earthquake study without an id", "body": "Text.", "language": "en",
                  "kind": "study", "organisation": "isfahan"})
    path = write_jsonl(tmp_path / "docs.jsonl", *lines)
    assert run(path)[1].strip() == "created 4, updated 0, unchanged 0, skipped 0"
    revisions = Revision.objects.count()

    status, out, _ = run(path)
    assert status == 0 and out.strip() == "created 0, updated 0, unchanged 4, skipped 0"
    assert Revision.objects.count() == revisions  # nothing changed, nothing new

    lines[2]["title"] = "Flood drill in the old town, revised"
    lines[3]["body"] = "Text, corrected."
    status, out, _ = run(write_jsonl(path, *lines))
    assert status == 0 and out.strip() == "created 0, updated 2, unchanged 2, skipped 0"
    assert KnowledgeItem.objects.count() == 4
    assert Revision.objects.count() == revisions + 2
    revised = KnowledgeItem.objects.get(external_id="3")
    assert revised.title == "Flood drill in the old town, revised" and revised.live
    unnamed = Study.objects.get(title="Earthquake study without an id")
    assert "corrected" in unnamed.body[0].value.source


def test_reimport_publishes_again_what_was_unpublished_or_restricted(tmp_path, network):
    line = {"title": "Drill", "body": "Text.", "language": "en", "kind": "training", "external_id": "d-1"}
    path = write_jsonl(tmp_path / "docs.jsonl", line)
    run(path)
    item = KnowledgeItem.objects.get(external_id="d-1").specific
    item.visibility = Visibility.MEMBERS
    item.save_revision().publish()
    item.unpublish()
    assert run(path)[1].strip() == "created 0, updated 1, unchanged 0, skipped 0"
    item.refresh_from_db()
    assert item.live and item.visibility == Visibility.PUBLIC


def test_bad_lines_are_reported_and_the_others_imported(tmp_path, network):
    good = {"body": "Text.", "language": "en", "kind": "study", "organisation": "Isfahan"}
    path = write_jsonl(
        tmp_path / "docs.jsonl",
        {**good, "title": "First good line"},
        '{"title": "Broken", "body": ',
        {**good, "title": "   "},
        {**good, "title": "Bad kind", "kind": "minutes"},
        {**good, "title": "Bad language", "language": "de"},
        {**good, "title": "Unknown organisation", "organisation": "Isfahn"},
        {**good, "title": "Bad date", "date": "22/09/2012"},
        {**good, "title": "Typo in a field", "externalid": "x-1"},
        "",
        {**good, "title": "Last good line", "organisation": None},
    )
    status, out, err = run(path)
    assert status == 1
    assert out.strip() == "created 2, updated 0, unchanged 0, skipped 7"
    errors = err.splitlines()
    assert errors[0].startswith("line 2: not valid JSON (")
    assert errors[1:6] == [
        "line 3: missing title",
        "line 4: kind must be one of study, training, report, resolution",
        "line 5: language must be one of fa, zh, en",
        "line 6: unknown organisation 'Isfahn' (close matches: Isfahan [isfahan])",
        "line 7: date: not a date: '22/09/2012' (write 2012-09-22 or 1391/07/01)",
    ]
    assert errors[6].startswith("line 8: unknown field(s) externalid (expected: title, body, ")
    assert len(errors) == 7
    assert set(KnowledgeItem.objects.values_list("title", flat=True)) == {"First good line", "Last good line"}
    assert KnowledgeItem.objects.get(title="Last good line").organisation == network["secretariat"]


def test_an_external_id_keeps_its_kind(tmp_path, network):
    line = {"title": "A", "body": "Text.", "language": "en", "external_id": "k"}
    path = write_jsonl(tmp_path / "docs.jsonl", {**line, "kind": "study"}, {**line, "kind": "training"})
    status, out, err = run(path)
    assert status == 1 and out.strip() == "created 1, updated 0, unchanged 0, skipped 1"
    assert err.splitlines()[0] == "line 2: external_id 'k' is a study, which cannot become a training"


def test_an_ambiguous_organisation_name_is_a_bad_line(tmp_path, network):
    network["tehran"].aliases = "Isfahan municipality"
    network["tehran"].save()
    path = write_jsonl(tmp_path / "docs.jsonl", {"title": "A", "body": "Text.", "language": "en",
                                                 "kind": "study", "organisation": "isfahan municipality"})
    status, _, err = run(path)
    assert status == 1
    assert err.splitlines()[0] == ("line 1: organisation 'isfahan municipality' names several organisations "
                                   "(Isfahan [isfahan], Tehran [tehran]); give the slug")


def test_without_a_secretariat_a_line_needs_an_organisation(tmp_path, network):
    network["secretariat"].kind = OrganisationKind.CENTRAL_SECRETARIAT
    network["secretariat"].save()
    status, _, err = run(write_jsonl(tmp_path / "docs.jsonl",
                                     {"title": "A", "body": "Text.", "language": "en", "kind": "study"}))
    assert status == 1
    assert "line 1: no organisation given, and there is no active network secretariat" in err


def test_dry_run_writes_nothing_and_says_what_would_happen(tmp_path, network):
    add_item(KnowledgeIndexPage.objects.get(), network["isfahan"], title="Existing", external_id="e-1",
             body=[("paragraph", "<p>Old text.</p>")], language="en")
    pages, revisions = Page.objects.count(), Revision.objects.count()
    path = write_jsonl(
        tmp_path / "docs.jsonl",
        {"title": "New study", "body": "Text.", "language": "en", "kind": "study", "external_id": "n-1"},
        {"title": "Existing", "body": "New text.", "language": "en", "kind": "study", "external_id": "e-1",
         "organisation": "isfahan"},
        {"title": "New study", "body": "Text.", "language": "en", "kind": "study", "external_id": "n-1"},
        {"title": "Bad", "body": "Text.", "language": "en", "kind": "memo"},
    )
    status, out, err = run(path, "--dry-run")
    assert status == 1
    assert out.splitlines() == [
        "line 1: would create study “New study” [n-1]",
        "line 2: would update study “Existing” [e-1]",
        "line 3: unchanged study “New study” [n-1]",
        "created 1, updated 1, unchanged 1, skipped 1 (dry run: nothing was written)",
    ]
    assert err.splitlines()[0] == "line 4: kind must be one of study, training, report, resolution"
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)


def test_bom_crlf_and_blank_lines_are_read(tmp_path, network):
    path = write_jsonl(
        tmp_path / "docs.jsonl",
        {"title": "مطالعه خطر سیل", "body": "بند اول\r\nادامه بند اول\r\n\r\nبند دوم", "language": "fa",
         "kind": "study", "date": "1391/07/01"},
        "   ",
        {"title": "Line three", "body": "Text.", "language": "EN", "kind": "Resolution"},
        prefix=b"\xef\xbb\xbf", newline="\r\n",
    )
    status, out, _ = run(path, "-v", "2")
    assert status == 0
    assert out.splitlines() == ["line 1: created study “مطالعه خطر سیل”",
                                "line 3: created resolution “Line three”",
                                "created 2, updated 0, unchanged 0, skipped 0"]
    study = Study.objects.get()
    assert study.document_date == datetime.date(2012, 9, 22)  # Jalali 1391/07/01
    paragraphs = [block.value.source for block in study.body]
    assert paragraphs == ["<p>بند اول<br>ادامه بند اول</p>", "<p>بند دوم</p>"]
    assert ExperienceReport.objects.get().title == "Line three"  # another body's resolution


def test_body_text_is_escaped_and_a_line_that_is_not_utf8_is_skipped(tmp_path, network):
    path = tmp_path / "docs.jsonl"
    line = json.dumps({"title": "Script", "body": "<script>alert(1)</script> & more", "language": "en",
                       "kind": "study"})
    path.write_bytes(b'{"title": "caf\xe9"}\n' + line.encode() + b"\n")
    status, out, err = run(path)
    assert status == 1 and out.strip() == "created 1, updated 0, unchanged 0, skipped 1"
    assert err.splitlines()[0] == "line 1: not UTF-8 text (byte 15)"
    body = Study.objects.get().body[0].value.source
    assert "<script>" not in body and "&lt;script&gt;" in body and "&amp; more" in body


def test_batches_commit_separately(tmp_path, network):
    lines = [{"title": f"Item {n}", "body": "Text.", "language": "en", "kind": "study",
              "external_id": f"b-{n}"} for n in range(5)]
    status, out, _ = run(write_jsonl(tmp_path / "docs.jsonl", *lines), "--batch-size", "2")
    assert status == 0 and out.strip() == "created 5, updated 0, unchanged 0, skipped 0"
    assert KnowledgeItem.objects.filter(live=True).count() == 5


def test_an_unreadable_file_imports_nothing(tmp_path, network):
    status, _, _ = run(tmp_path / "missing.jsonl")
    assert status == 2


def test_the_item_page_links_to_its_source(tmp_path, network, client):
    run(write_jsonl(tmp_path / "docs.jsonl",
                    {"title": "Sourced", "body": "Text.", "language": "en", "kind": "study",
                     "source_url": "https://example.org/original"}))
    response = client.get(KnowledgeItem.objects.get().url.replace("/fa/", "/en/", 1))
    assert response.status_code == 200
    assert 'href="https://example.org/original"' in response.content.decode()


def test_a_title_without_letters_still_gets_a_slug(tmp_path, network):
    line = {"body": "Text.", "language": "en", "kind": "study"}
    path = write_jsonl(tmp_path / "docs.jsonl", {**line, "title": "???"}, {**line, "title": "!!!"},
                       {**line, "title": "...", "external_id": "Doc 7"})
    status, _, _ = run(path)
    assert status == 0
    assert sorted(Study.objects.values_list("slug", flat=True)) == ["doc-7", "study", "study-2"]


def archive_url(host, *words, query=""):
    """An archive's address as a browser sends it: every Persian or Chinese letter percent-encoded."""
    path = "/".join(quote(word, safe="") for word in words)
    return f"https://{host}/{path}" + (f"?{query}" if query else "")


def test_long_percent_encoded_source_urls_are_kept_whole(tmp_path, network, client):
    persian = archive_url(
        "archive.crisis-offices.example", "اسناد", "مدیریت بحران", "۱۴۰۲",
        "گزارش جمع‌بندی تمرین تخلیه اضطراری مدرسه‌های منطقه دوازده در فصل بارندگی",
        "نقشه مسیرهای امن محله‌ها", query=quote("نسخه") + "=" + quote("نهایی"),
    )
    chinese = archive_url(
        "library.city-emergency.example", "资料库", "应急管理", "二〇二三年",
        "关于城区防汛演练和社区疏散安置工作的总结报告及附件目录说明",
        "各街道临时避难场所位置与物资储备情况一览表",
    )
    longest = archive_url("records.network.example", *["سامانه هشدار سیل رودخانه شهری"] * 8)
    assert 300 <= len(chinese) < len(persian) <= 900 < len(longest) < 2000, (len(chinese), len(persian),
                                                                                len(longest))
    too_long = archive_url("records.network.example", *["سامانه هشدار سیل رودخانه شهری"] * 13)
    assert len(too_long) > 2000
    line = {"body": "Text.", "kind": "study"}
    path = write_jsonl(
        tmp_path / "docs.jsonl",
        {**line, "title": "گزارش تمرین تخلیه", "language": "fa", "source_url": persian, "external_id": "u1"},
        {**line, "title": "防汛演练总结", "language": "zh", "source_url": chinese, "external_id": "u2"},
        {**line, "title": "Flood warning system", "language": "en", "source_url": longest, "external_id": "u3"},
        {**line, "title": "Too long", "language": "en", "source_url": too_long, "external_id": "u4"},
    )
    status, out, err = run(path)
    assert status == 1 and out.strip() == "created 3, updated 0, unchanged 0, skipped 1"
    assert "line 4: source_url is longer than 2000 characters" in err
    stored = dict(KnowledgeItem.objects.values_list("external_id", "source_url"))
    assert stored == {"u1": persian, "u2": chinese, "u3": longest}

    # Shown whole on the item's page and in the API.
    page = client.get(KnowledgeItem.objects.get(external_id="u1").url.replace("/fa/", "/en/", 1))
    assert f'href="{persian}"' in page.content.decode()
    answers = {item["title"]: item["source_url"] for item in client.get("/api/knowledge/").json()["results"]}
    assert answers["防汛演练总结"] == chinese and answers["Flood warning system"] == longest

    # A second import of the same file changes nothing.
    status, out, _ = run(path)
    assert out.strip() == "created 0, updated 0, unchanged 3, skipped 1"


def test_organisations_are_found_as_the_minutes_import_finds_owners(tmp_path, network):
    from portal.models import OrganisationAlias

    OrganisationAlias.objects.create(organisation=network["tehran"], text="دفتر بحران پایتخت")
    line = {"body": "Text.", "language": "fa", "kind": "study"}
    path = write_jsonl(tmp_path / "in.jsonl", {**line, "title": "Learned", "organisation": "دفتر بحران پایتخت"},
                       {**line, "title": "Short name", "organisation": "秘书处"})
    run(path)
    assert KnowledgeItem.objects.get(title="Learned").organisation == network["tehran"]
    assert KnowledgeItem.objects.get(title="Short name").organisation == network["secretariat"]


# --- the summary -----------------------------------------------------------------------------------

def test_the_summary_is_the_lead_not_the_date_name_headline_or_byline_a_copied_page_opens_with(seeds):
    from knowledge.importing import summary_of

    page = (seeds / FA_SEED).read_text(encoding="utf-8")  # a date, the speaker's name, the headline
    paragraphs = [p.strip() for p in page.split("\n\n") if p.strip()]
    summary = summary_of(page, title=paragraphs[2])
    assert summary.startswith(paragraphs[3][:40])

    page = (seeds / ZH_SEED).read_text(encoding="utf-8")  # the headline after its source, then a byline
    paragraphs = [p.strip() for p in page.split("\n\n") if p.strip()]
    headline = paragraphs[0].split("】")[1]
    assert summary_of(page, title=headline).startswith(" ".join(paragraphs[2].split())[:40])

    assert summary_of("2021-03-12\n\nBy A. Roe\n\nFlood drill\n\nResidents practised leaving the old town.",
                      title="Flood drill") == "Residents practised leaving the old town."
    assert summary_of("2020-11-12\n\n来源：区应急管理局｜作者：张三｜浏览：120\n\n社区开展防汛演练，居民三百人参加。",
                      title="防汛演练") == "社区开展防汛演练，居民三百人参加。"
    # A short first sentence is still a lead; nothing that reads as one: the first paragraph.
    assert summary_of("We trained 400 residents.\n\nWhat we learned.") == "We trained 400 residents."
    assert summary_of("1399/01/05\n\nOK") == "1399/01/05"

