"""Build the demo network. Safe to run again: it updates what exists and adds what is missing."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Site
from wagtail.users.models import UserProfile

from portal import demo_content as demo
from portal import roles
from portal.demo import DEMO_STEPS, DemoNetwork, tree_roots
from portal.models import City, Hazard, HomePage, Membership, Organisation, Phase


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

        network = DemoNetwork(home=home_page(), organisations=organisations, hazards=hazards, phases=phases)
        for _order, step in DEMO_STEPS:  # each app's pages and records (portal/demo.py)
            step(network)
        roles.ensure_roles()  # now that the apps' index pages exist, city managers may add to them
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
