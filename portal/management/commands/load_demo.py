"""Build the demo network. Safe to run again: it updates what exists and adds what is missing."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site
from wagtail.users.models import UserProfile

from knowledge.demo import create_reading_lists
from knowledge.models import ExperienceReport, KnowledgeIndexPage, Study, TrainingExperience
from portal import demo_content as demo
from portal import roles
from portal.models import City, Hazard, HomePage, Membership, Organisation, Phase
from resolutions.models import MeetingIndexPage, MeetingPage, Resolution

KNOWLEDGE_TYPES = {"study": Study, "training": TrainingExperience, "report": ExperienceReport}


def upsert_child(parent, model, slug, **fields):
    """Find the child page by slug and update it, or add it; either way it ends up live."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
        return page
    for name, value in fields.items():
        setattr(page, name, value)
    page.live = True
    page.save()
    return page


def tree_roots():
    """Wagtail's migrations create the root page, collection and locale; a flushed database lacks them."""
    if not Locale.objects.exists():
        Locale.objects.create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
    return root


def home_page():
    site = Site.objects.filter(is_default_site=True).first()
    home = HomePage.objects.first()
    if home is None:
        root = tree_roots()
        # Wagtail's installer leaves a plain welcome page with our slug; it has nothing worth keeping.
        for welcome in root.get_children().filter(slug="home", content_type__model="page"):
            welcome.delete()
        home = HomePage(title="شبکه مدیریت بحران کلان‌شهرها", slug="home")
        root.add_child(instance=home)
        home.save_revision().publish()
    home.intro = (
        "<p>سابقه مشترک تصمیم‌ها و تجربه‌های دفترهای مدیریت بحران کلان‌شهرها: چه تصویب شد، چه کسی "
        "مسئول پیگیری است و هر شهر چه آموخته است.</p><p>A shared record of what the network's "
        "crisis-management offices decided, who follows each decision up, and what every city learned.</p>"
    )
    home.save()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True,
                            site_name="Crisis Management Network")
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return home


class Command(BaseCommand):
    help = "Load the demo organisations, meetings, resolutions, reports, knowledge items and users."

    @transaction.atomic
    def handle(self, *args, **options):
        tree_roots()
        roles.ensure_roles()
        organisations = {
            data["slug"]: Organisation.objects.update_or_create(slug=data["slug"], defaults=data)[0]
            for data in demo.ORGANISATIONS
        }
        self.terms(City, demo.CITIES)
        hazards = self.terms(Hazard, demo.HAZARDS)
        phases = self.terms(Phase, demo.PHASES)

        home = home_page()
        meetings_index = upsert_child(home, MeetingIndexPage, "meetings", title="نشست‌ها",
                                      intro="<p>نشست‌های شبکه و آنچه در هر یک تصویب شد.</p>")
        knowledge_index = upsert_child(home, KnowledgeIndexPage, "knowledge", title="دانش و تجربه",
                                       intro="مطالعات، طرح‌ها و تجربه‌های آموزشی که شهرهای عضو به اشتراک گذاشته‌اند.")
        roles.ensure_roles()  # now that the knowledge index exists, city managers may add to it

        meetings = {}
        for data in demo.MEETINGS:
            data = dict(data)
            host = organisations[data.pop("host")]
            meeting = upsert_child(meetings_index, MeetingPage, data.pop("slug"), **data)
            meeting.participants.set([host, organisations["network-secretariat"]])
            meeting.save()
            meetings[meeting.number] = meeting

        resolutions = self.ninth_meeting(meetings, organisations, hazards)
        self.reports(resolutions, organisations)
        self.knowledge(knowledge_index, organisations, hazards, phases, resolutions)
        create_reading_lists()
        for line in self.users(organisations):
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))

    def terms(self, model, rows):
        return {
            slug: model.objects.update_or_create(
                slug=slug, defaults=dict(name_fa=fa, name_en=en, name_zh=zh, sort_order=order)
            )[0]
            for order, (slug, fa, en, zh) in enumerate(rows)
        }

    def ninth_meeting(self, meetings, organisations, hazards):
        resolutions = {}
        for number, owners, all_members, follows, public, due, fa, en in demo.NINTH_MEETING_RESOLUTIONS:
            resolution, _ = Resolution.objects.update_or_create(
                meeting=meetings[9], number=number,
                defaults=dict(text=fa, language="fa", english_summary=en, owned_by_all_members=all_members,
                              is_public=public, due_on=due),
            )
            resolution.owners.set([organisations[slug] for slug in owners])
            resolution.follows_up_meetings.set([meetings[n] for n in follows])
            if number == 2:
                resolution.hazards.set([hazards["earthquake"], hazards["flood"]])
            resolution.sync_lines()
            resolutions[(9, number)] = resolution
        return resolutions

    def reports(self, resolutions, organisations):
        for number, slug, status, reported_on, text in demo.REPORTS:
            resolution = resolutions[(9, number)]
            line = resolution.lines.get(organisation=organisations[slug])
            if not line.reports.filter(text=text).exists():
                line.record_report(author=None, text=text, status=status, reported_on=reported_on)

    def knowledge(self, index_page, organisations, hazards, phases, resolutions):
        for data in demo.KNOWLEDGE_ITEMS:
            data = dict(data)
            model = KNOWLEDGE_TYPES[data.pop("kind")]
            item_hazards = [hazards[s] for s in data.pop("hazards")]
            item_phases = [phases[s] for s in data.pop("phases")]
            answers = data.pop("answers")
            body = data.pop("body")
            data["organisation"] = organisations[data["organisation"]]
            data["answers_resolution"] = resolutions[answers] if answers else None
            data["body"] = [("paragraph", f"<p>{body}</p>")]
            item = upsert_child(index_page, model, data.pop("slug"), **data)
            item.hazards.set(item_hazards)
            item.phases.set(item_phases)
            item.save()

    def users(self, organisations):
        User = get_user_model()
        groups = {"secretariat": Group.objects.get(name=roles.SECRETARIAT),
                  "city": Group.objects.get(name=roles.CITY_MANAGERS)}
        for data in demo.DEMO_USERS:
            user, _ = User.objects.update_or_create(
                username=data["username"],
                defaults=dict(first_name=data["first_name"], last_name=data["last_name"],
                              email=data["email"], is_active=True),
            )
            user.set_password(data["password"])
            user.save()
            user.groups.set([groups[data["group"]]])
            profile = UserProfile.get_for_user(user)  # the admin speaks the person's language
            profile.preferred_language = data["language"]
            profile.save()
            Membership.objects.update_or_create(
                user=user, defaults=dict(organisation=organisations[data["organisation"]],
                                         language=data["language"]),
            )
            yield f"Demo login: {data['username']} / {data['password']} ({user.groups.first().name})"
