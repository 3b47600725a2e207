# Summaries (and titles) written by people for each interface language, beside the original
# (portal.translations). The English summary kept its field and became the English translation.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("resolutions", "0002_status_follows_lines_decisions_report_privacy"),
    ]

    operations = [
        migrations.AddField(
            model_name="resolution",
            name="persian_summary",
            field=models.TextField(blank=True, verbose_name="Persian summary"),
        ),
        migrations.AddField(
            model_name="resolution",
            name="simplified_chinese_summary",
            field=models.TextField(blank=True, verbose_name="Simplified Chinese summary"),
        ),
        migrations.AddField(
            model_name="resolution",
            name="traditional_chinese_summary",
            field=models.TextField(blank=True, verbose_name="Traditional Chinese summary"),
        ),
        migrations.AddField(
            model_name="historicalresolution",
            name="persian_summary",
            field=models.TextField(blank=True, verbose_name="Persian summary"),
        ),
        migrations.AddField(
            model_name="historicalresolution",
            name="simplified_chinese_summary",
            field=models.TextField(blank=True, verbose_name="Simplified Chinese summary"),
        ),
        migrations.AddField(
            model_name="historicalresolution",
            name="traditional_chinese_summary",
            field=models.TextField(blank=True, verbose_name="Traditional Chinese summary"),
        ),
    ]
