from django.db import migrations, models


def extract_existing_keywords(apps, schema_editor):
    # The live function, not a frozen copy: keywords are derived data, re-extracting is always right.
    from archive.keywords import refresh_keywords

    refresh_keywords(apps.get_model("archive", "Reply").objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="reply",
            name="keywords",
            field=models.JSONField(
                blank=True, default=list, editable=False,
                help_text="保存时由标题和正文自动提取，用于首页主题和相关答复。", verbose_name="主题词",
            ),
        ),
        migrations.RunPython(extract_existing_keywords, migrations.RunPython.noop),
    ]
