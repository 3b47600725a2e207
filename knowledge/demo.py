"""Demo reading lists for the Start-here page. Safe to run again. Call from load_demo after the items."""

from portal.models import Hazard, Phase

from .models import KnowledgeItem, ReadingList, ReadingListEntry

READING_LISTS = [
    dict(title="Your first month: plans to learn from", hazard=None, phase="prevention", sort_order=0,
         introduction=("Two master plans other members wrote and the network endorsed: read how they ranked "
                       "their hazards and organised their office before you start your own."),
         entries=[("qazvin-crisis-management-master-plan", "A complete plan finished in nine months."),
                  ("isfahan-citizen-health-and-safety-plan", "Presented at the 9th meeting as an example.")]),
    dict(title="Training the public", hazard=None, phase="preparedness", sort_order=1,
         introduction="How members trained residents, volunteers and staff, and what worked.",
         entries=[("longfengyuan-safe-community-programme", "Layered training for a community of 30,000."),
                  ("tehran-safe-community-workshop-notes", "The Safe Community workshop (members only).")]),
]


def create_reading_lists():
    created = []
    for data in READING_LISTS:
        data = dict(data)
        entries = data.pop("entries")
        hazard = Hazard.objects.filter(slug=data.pop("hazard") or "").first()
        phase = Phase.objects.filter(slug=data.pop("phase") or "").first()
        reading_list, _ = ReadingList.objects.update_or_create(
            title=data.pop("title"), defaults=dict(hazard=hazard, phase=phase, **data)
        )
        reading_list.entries.all().delete()
        for order, (slug, note) in enumerate(entries):
            item = KnowledgeItem.objects.filter(slug=slug).first()
            if item is not None:
                ReadingListEntry.objects.create(reading_list=reading_list, item=item, note=note, sort_order=order)
        created.append(reading_list)
    return created
