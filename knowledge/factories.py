from knowledge.models import KnowledgeIndexPage, Study, TrainingExperience

KINDS = {"study": Study, "training": TrainingExperience}


def add_item(index: KnowledgeIndexPage, organisation, *, title, kind="study", publish=True, owner=None,
             **fields):
    fields.setdefault("summary", f"Summary of {title}")
    item = KINDS[kind](title=title, organisation=organisation, owner=owner, live=publish, **fields)
    index.add_child(instance=item)
    revision = item.save_revision(user=owner)
    if publish:
        revision.publish()
    item.refresh_from_db()
    return item
