# Reports the secretariat records for an owner (who recorded them, from what); the workspace's
# last visits; members' secret calendar keys.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

RECORDED_BY_HELP = "The secretariat member who recorded the report on the owner's behalf."
SOURCE_CHOICES = [("letter", "letter"), ("email", "e-mail"), ("call", "phone call"), ("meeting", "meeting")]
SOURCE_HELP = "How the owner's report reached the secretariat."


class Migration(migrations.Migration):

    dependencies = [
        ("resolutions", "0003_translated_summaries"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="followupreport",
            name="recorded_by",
            field=models.ForeignKey(blank=True, help_text=RECORDED_BY_HELP, null=True,
                                    on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                                    to=settings.AUTH_USER_MODEL, verbose_name="recorded by"),
        ),
        migrations.AddField(
            model_name="followupreport",
            name="source",
            field=models.CharField(blank=True, choices=SOURCE_CHOICES, help_text=SOURCE_HELP, max_length=20,
                                   verbose_name="source"),
        ),
        migrations.AddField(
            model_name="followupreport",
            name="source_date",
            field=models.DateField(blank=True, null=True, verbose_name="date of the source"),
        ),
        migrations.AddField(
            model_name="historicalfollowupreport",
            name="recorded_by",
            field=models.ForeignKey(blank=True, db_constraint=False, help_text=RECORDED_BY_HELP, null=True,
                                    on_delete=django.db.models.deletion.DO_NOTHING, related_name="+",
                                    to=settings.AUTH_USER_MODEL, verbose_name="recorded by"),
        ),
        migrations.AddField(
            model_name="historicalfollowupreport",
            name="source",
            field=models.CharField(blank=True, choices=SOURCE_CHOICES, help_text=SOURCE_HELP, max_length=20,
                                   verbose_name="source"),
        ),
        migrations.AddField(
            model_name="historicalfollowupreport",
            name="source_date",
            field=models.DateField(blank=True, null=True, verbose_name="date of the source"),
        ),
        migrations.CreateModel(
            name="CalendarKey",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("salt", models.CharField(editable=False, max_length=64, unique=True)),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("revoked_at", models.DateTimeField(blank=True, null=True, verbose_name="revoked")),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="calendar_keys",
                                           to=settings.AUTH_USER_MODEL, verbose_name="user")),
            ],
            options={"verbose_name": "calendar key", "verbose_name_plural": "calendar keys",
                     "ordering": ["-created_at"]},
        ),
        migrations.CreateModel(
            name="WorkspaceVisit",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("last_seen_at", models.DateTimeField(verbose_name="last seen")),
                ("news_since", models.DateTimeField(verbose_name="news since")),
                ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE,
                                              related_name="workspace_visit", to=settings.AUTH_USER_MODEL,
                                              verbose_name="user")),
            ],
            options={"verbose_name": "workspace visit", "verbose_name_plural": "workspace visits"},
        ),
    ]
