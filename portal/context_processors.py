from django.utils.translation import get_language_bidi

from portal import roles


def portal(request):
    return {
        "is_rtl": get_language_bidi(),
        "is_member": roles.is_member(request.user),
        "is_secretariat": roles.is_secretariat(request.user),
    }
