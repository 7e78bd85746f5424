# How each reply's text was obtained (archive.extract.Source). Replies stored before came from typed files or
# web pages, told apart by their original's name; one without an original (pasted, or loaded by a script) is
# left unrecorded.
from django.db import migrations, models


def sources_of_stored_replies(apps, schema_editor):
    Reply = apps.get_model("archive", "Reply")
    stored = Reply.objects.exclude(original="")
    web = stored.filter(models.Q(original__iendswith=".html") | models.Q(original__iendswith=".htm"))
    web.update(text_source="web")
    stored.filter(text_source="").update(text_source="typed")


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0008_reply_withdrawn_at"),
    ]

    operations = [
        migrations.AddField(
            model_name="reply",
            name="text_source",
            field=models.CharField(
                blank=True,
                choices=[("typed", "文件中的文字"), ("web", "网页"), ("ocr", "扫描件文字识别"), ("pasted", "粘贴的文字")],
                editable=False,
                max_length=8,
                verbose_name="文字来源",
            ),
        ),
        migrations.AddField(
            model_name="reply",
            name="ocr_confidence",
            field=models.FloatField(
                blank=True, editable=False, help_text="文字识别引擎对所读每个字的平均把握，0–1。", null=True,
                verbose_name="识别置信度",
            ),
        ),
        migrations.AddField(
            model_name="reply",
            name="ocr_doubtful",
            field=models.JSONField(blank=True, default=list, editable=False, verbose_name="识别存疑之处"),
        ),
        migrations.RunPython(sources_of_stored_replies, migrations.RunPython.noop),
    ]
