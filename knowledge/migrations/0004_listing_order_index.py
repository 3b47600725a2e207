from django.db import migrations, models


class Migration(migrations.Migration):
    """The knowledge listing's order read through an index (see KnowledgeItem.Meta)."""

    dependencies = [
        ('knowledge', '0003_reading_lists'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='knowledgeitem',
            index=models.Index(fields=['document_date', 'visibility'], name='knowledge_date_visibility'),
        ),
    ]
