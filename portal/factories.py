import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal import roles
from portal.models import Hazard, Membership, Organisation, OrganisationKind, Phase


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"city-{n}")
    name_en = factory.Sequence(lambda n: f"City {n} crisis management")
    name_fa = factory.Sequence(lambda n: f"مدیریت بحران شهر {n}")
    kind = OrganisationKind.CITY_OFFICE
    is_active = True


class HazardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hazard
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"hazard-{n}")
    name_en = factory.Sequence(lambda n: f"Hazard {n}")


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"phase-{n}")
    name_en = factory.Sequence(lambda n: f"Phase {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("pass")


def secretariat_editor(organisation=None, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=roles.SECRETARIAT))
    if organisation is not None:
        Membership.objects.create(user=user, organisation=organisation)
    return user


def city_manager(organisation, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=roles.CITY_MANAGERS))
    Membership.objects.create(user=user, organisation=organisation)
    return user
