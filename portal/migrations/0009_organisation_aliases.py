import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0008_page_texts_traditional_chinese"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="OrganisationAlias",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("text", models.CharField(max_length=255, verbose_name="spelling")),
                ("normalised", models.CharField(editable=False, help_text="Letters, digits and spaces folded, as names are compared.", max_length=255, unique=True, verbose_name="normalised spelling")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="learned on")),
                ("created_by", models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="learned from")),
                ("organisation", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="learned_aliases", to="portal.organisation", verbose_name="organisation")),
            ],
            options={
                "verbose_name": "organisation alias",
                "verbose_name_plural": "organisation aliases",
                "ordering": ["organisation__name_en", "organisation__name_fa", "text"],
            },
        ),
    ]
