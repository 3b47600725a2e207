# Summaries (and titles) written by people for each interface language, beside the original
# (portal.translations). The English summary kept its field and became the English translation.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("knowledge", "0005_long_source_url"),
    ]

    operations = [
        migrations.AddField(
            model_name="knowledgeitem",
            name="persian_title",
            field=models.CharField(blank=True, max_length=255, verbose_name="Persian title"),
        ),
        migrations.AddField(
            model_name="knowledgeitem",
            name="persian_summary",
            field=models.TextField(blank=True, verbose_name="Persian summary"),
        ),
        migrations.AddField(
            model_name="knowledgeitem",
            name="english_title",
            field=models.CharField(blank=True, max_length=255, verbose_name="English title"),
        ),
        migrations.AddField(
            model_name="knowledgeitem",
            name="simplified_chinese_title",
            field=models.CharField(blank=True, max_length=255, verbose_name="Simplified Chinese title"),
        ),
        migrations.AddField(
            model_name="knowledgeitem",
            name="simplified_chinese_summary",
            field=models.TextField(blank=True, verbose_name="Simplified Chinese summary"),
        ),
        migrations.AddField(
            model_name="knowledgeitem",
            name="traditional_chinese_title",
            field=models.CharField(blank=True, max_length=255, verbose_name="Traditional Chinese title"),
        ),
        migrations.AddField(
            model_name="knowledgeitem",
            name="traditional_chinese_summary",
            field=models.TextField(blank=True, verbose_name="Traditional Chinese summary"),
        ),
        migrations.AddField(
            model_name="readinglist",
            name="persian_title",
            field=models.CharField(blank=True, max_length=255, verbose_name="Persian title"),
        ),
        migrations.AddField(
            model_name="readinglist",
            name="persian_introduction",
            field=models.TextField(blank=True, verbose_name="Persian introduction"),
        ),
        migrations.AddField(
            model_name="readinglist",
            name="english_title",
            field=models.CharField(blank=True, max_length=255, verbose_name="English title"),
        ),
        migrations.AddField(
            model_name="readinglist",
            name="english_introduction",
            field=models.TextField(blank=True, verbose_name="English introduction"),
        ),
        migrations.AddField(
            model_name="readinglist",
            name="simplified_chinese_title",
            field=models.CharField(blank=True, max_length=255, verbose_name="Simplified Chinese title"),
        ),
        migrations.AddField(
            model_name="readinglist",
            name="simplified_chinese_introduction",
            field=models.TextField(blank=True, verbose_name="Simplified Chinese introduction"),
        ),
        migrations.AddField(
            model_name="readinglist",
            name="traditional_chinese_title",
            field=models.CharField(blank=True, max_length=255, verbose_name="Traditional Chinese title"),
        ),
        migrations.AddField(
            model_name="readinglist",
            name="traditional_chinese_introduction",
            field=models.TextField(blank=True, verbose_name="Traditional Chinese introduction"),
        ),
        migrations.AddField(
            model_name="readinglistentry",
            name="persian_note",
            field=models.CharField(blank=True, max_length=255, verbose_name="why read it, in Persian"),
        ),
        migrations.AddField(
            model_name="readinglistentry",
            name="english_note",
            field=models.CharField(blank=True, max_length=255, verbose_name="why read it, in English"),
        ),
        migrations.AddField(
            model_name="readinglistentry",
            name="simplified_chinese_note",
            field=models.CharField(blank=True, max_length=255, verbose_name="why read it, in Simplified Chinese"),
        ),
        migrations.AddField(
            model_name="readinglistentry",
            name="traditional_chinese_note",
            field=models.CharField(blank=True, max_length=255, verbose_name="why read it, in Traditional Chinese"),
        ),
    ]
