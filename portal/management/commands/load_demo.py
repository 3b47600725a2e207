"""Build the demo network on top of `setup_portal`. Safe to run again: it updates what exists and adds
what is missing."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.users.models import UserProfile

from portal import demo_content as demo
from portal import roles
from portal.demo import DEMO_STEPS, DemoNetwork, page_intros
from portal.models import City, Hazard, Membership, Organisation, Phase
from portal.setup import set_up

# The home page's introduction in the site's language; HOME_INTROS in the other interface languages.
HOME_INTRO = (
    "<p>سابقه مشترک تصمیم‌ها و تجربه‌های دفترهای مدیریت بحران کلان‌شهرها: چه تصویب شد، چه کسی "
    "مسئول پیگیری است و هر شهر چه آموخته است.</p>"
)
HOME_INTROS = {
    "en": "<p>A shared record of what the network's crisis-management offices decided, who follows each "
          "decision up, and what every city learned.</p>",
    "zh-hans": "<p>特大城市应急管理部门的共同记录：通过了哪些决议，由谁负责跟进，每个城市又积累了哪些经验。</p>",
    "zh-hant": "<p>特大城市應急管理部門的共同記錄：通過了哪些決議，由誰負責跟進，每個城市又積累了哪些經驗。</p>",
}


class Command(BaseCommand):
    help = "Load the demo organisations, meetings, resolutions, reports, knowledge items and users."

    @transaction.atomic
    def handle(self, *args, **options):
        # What every network has (home page, Site record, secretariat, index pages, roles), as
        # `setup_portal --no-input` makes it; the demo only adds content.
        setup = set_up()
        setup.home.intro = HOME_INTRO
        setup.home.save()
        page_intros(setup.home, HOME_INTROS)
        organisations = {
            data["slug"]: Organisation.objects.update_or_create(slug=data["slug"], defaults=data)[0]
            for data in demo.ORGANISATIONS
        }
        self.terms(City, demo.CITIES)
        hazards = self.terms(Hazard, demo.HAZARDS)
        phases = self.terms(Phase, demo.PHASES)

        # The people first: the apps' steps name them (who reported what).
        users, logins = {}, []
        for user, login in self.users(organisations):
            users[user.username] = user
            logins.append(login)
        network = DemoNetwork(home=setup.home, organisations=organisations, hazards=hazards, phases=phases,
                              pages=setup.pages, users=users)
        for _order, step in DEMO_STEPS:  # each app's pages and records (portal/demo.py)
            step(network)
        for line in logins:
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
            yield user, f"Demo login: {data['username']} / {data['password']} ({user.groups.first().name})"
