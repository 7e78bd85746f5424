"""When a public reply was withdrawn: its address then answers 410 已撤回 instead of 404.

Set by ``Reply.save`` whenever a reply the public could read stops being public. Replies hidden before
this migration have no date to give, so their addresses stay 404, as before.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0007_reply_original_public"),
    ]

    operations = [
        migrations.AddField(
            model_name="reply",
            name="withdrawn_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="撤回时间",
                help_text="公开的答复改为草稿或不公开时记下；此后其地址答复“已撤回”（410）。从未公开过的答复没有。",
            ),
        ),
    ]
