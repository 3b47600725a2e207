"""The files the demo's knowledge items carry, and the words in them, written by the team.

The files themselves are made once from these texts by `scripts/make_demo_files.py` (fpdf2 shapes
the Persian of the PDFs, python-docx and openpyxl write the others) and kept in `demo_files/`, so
`load_demo` needs neither those tools nor a font. Change a text here, run the script, and commit
the files it writes; `load_demo` then replaces the stored copies (their hash changed).

Each file has a word that is in no other demo text (`only_inside`), so a search for it can only
find its item through the file: «قنات», «sprinkler» and «烟感探测器» find public items, «رومیزی» a members-only
one, which the public never finds nor downloads.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from .models import KnowledgeDocument, KnowledgeItem

FOLDER = Path(__file__).resolve().parent / "demo_files"


@dataclass(frozen=True)
class DemoFile:
    name: str  # in demo_files/, and the stored file's name
    item: str  # the slug of the knowledge item it is attached to
    title: str  # the Wagtail document's title
    only_inside: str  # a word no other demo text has
    lines: tuple = ()  # PDF lines, DOCX paragraphs
    table: tuple = field(default=())  # DOCX table or XLSX rows, the first row the header
    sheet: str = ""

    @property
    def path(self):
        return FOLDER / self.name


DEMO_FILES = (
    DemoFile(
        name="qazvin-master-plan-summary.pdf",
        item="qazvin-crisis-management-master-plan",
        title="خلاصه اجرایی طرح جامع مدیریت بحران قزوین",
        only_inside="قنات",
        lines=(
            "Qazvin crisis management master plan: executive summary",
            "خلاصه اجرایی طرح جامع مدیریت بحران شهر قزوین",
            "این خلاصه برای شهرهای عضو شبکه نوشته شده است و جای متن کامل طرح را نمی‌گیرد.",
            "چهار مخاطره اصلی شهر زلزله، سیل، آتش‌سوزی و حوادث صنعتی است.",
            "مسیر هر قنات قدیمی زیر بافت تاریخی شهر روی نقشه فرونشست ثبت شد،",
            "چون ریزش سقف کانال‌ها در زمان زلزله راه امدادرسانی را می‌بندد.",
            "برای هر محله یک انبار اقلام اضطراری و یک نقطه تجمع امن تعیین شد.",
            "ستاد مدیریت بحران هر سه ماه یک بار آمادگی محله‌ها را بازبینی می‌کند.",
        ),
    ),
    DemoFile(
        name="isfahan-public-building-checklist.docx",
        item="isfahan-citizen-health-and-safety-plan",
        title="فهرست بازدید ایمنی ساختمان‌های عمومی اصفهان",
        only_inside="sprinkler",
        lines=(
            "فهرست بازدید ایمنی ساختمان‌های عمومی",
            "بازرسان شهرداری این فهرست را در هر بازدید فصلی پر می‌کنند.",
            "Public building safety checklist: one sheet per visit, kept with the building's file.",
            "Check that every sprinkler head is clear of stored goods and that the valve is open.",
        ),
        table=(
            ("مورد بازدید", "مسئول", "هر چند وقت"),
            ("درهای خروج اضطراری باز و بدون مانع", "مدیر ساختمان", "هر ماه"),
            ("شیر اصلی گاز و برق در دسترس", "واحد تأسیسات", "هر فصل"),
            ("Sprinkler valves open and tested", "Fire service", "Every six months"),
        ),
    ),
    DemoFile(
        name="longfengyuan-training-register.xlsx",
        item="longfengyuan-safe-community-programme",
        title="龙凤园社区安全培训记录",
        only_inside="烟感探测器",
        sheet="培训记录",
        table=(
            ("日期", "主题", "参加人数", "备注"),
            ("2014-03-12", "楼栋长应急培训", 46, "每栋楼一名骨干"),
            ("2014-05-20", "家庭烟感探测器安装与检查", 310, "入户演示"),
            ("2014-07-08", "汛期排水与转移路线", 185, "结合防汛演练"),
            ("2014-10-15", "老人和儿童用火安全", 240, "学校和养老院"),
        ),
    ),
    DemoFile(
        name="tehran-workshop-programme.pdf",
        item="tehran-safe-community-workshop-notes",
        title="برنامه کارگاه دو روزه جامعه ایمن تهران",
        only_inside="رومیزی",
        lines=(
            "Tehran Safe Community workshop: programme (members of the network only)",
            "برنامه کارگاه دو روزه جامعه ایمن",
            "روز اول: معرفی شاخص‌های جامعه ایمن و تجربه دو محله پایلوت.",
            "روز دوم: تمرین رومیزی زلزله با نقش‌های ستاد محله، آتش‌نشانی و اورژانس.",
            "هر شهر پس از کارگاه یک محله را برای شروع برنامه پیشنهاد می‌کند.",
        ),
    ),
)


def files_of(slug):
    return [demo_file for demo_file in DEMO_FILES if demo_file.item == slug]


# --- in the portal: Wagtail documents in the "Demo" collection, attached to their items ------------

COLLECTION = "Demo"


def demo_collection():
    root = Collection.get_first_root_node()
    return root.get_children().filter(name=COLLECTION).first() or root.add_child(name=COLLECTION)


def stored_document(demo_file, collection):
    """The file as a document of the collection (found by its title): added once, its stored copy
    replaced only when the file in demo_files/ has changed."""
    content = ContentFile(demo_file.path.read_bytes(), name=demo_file.name)
    file_hash = hash_filelike(content)
    document = get_document_model().objects.filter(collection=collection, title=demo_file.title).first()
    if document is not None and document.file_hash == file_hash:
        return document
    if document is None:
        document = get_document_model()(title=demo_file.title, collection=collection)
    else:
        document.file.delete(save=False)
    document.file.save(demo_file.name, content, save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def attach_demo_files():
    """Each demo item carries exactly its files; an item whose files changed gets a new published
    revision, so the admin, which edits the latest revision, shows them too."""
    collection = demo_collection()
    for slug in dict.fromkeys(demo_file.item for demo_file in DEMO_FILES):
        item = KnowledgeItem.objects.filter(slug=slug).first()
        if item is None:
            continue
        item = item.specific
        wanted = [stored_document(demo_file, collection) for demo_file in files_of(slug)]
        attached = KnowledgeDocument.objects.filter(page=item).order_by("sort_order")
        if list(attached.values_list("document_id", flat=True)) == [document.pk for document in wanted]:
            continue
        item.documents = [KnowledgeDocument(document=document, sort_order=order)
                          for order, document in enumerate(wanted)]
        item.save_revision().publish()
