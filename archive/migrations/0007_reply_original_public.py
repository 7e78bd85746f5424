"""The clerk's decision whether a reply's original file is public: 自动, 公开 or 不公开.

Every reply starts on 自动 (None), which archive.original_door decides from the reply's stored text and the
file's format each time it is asked: a Word, text or web-page original is served masked, any other one only
when the letter holds no personal mobile or ID number. So nothing is computed here, and a text corrected
later decides again.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('archive', '0006_place_constraints'),
    ]

    operations = [
        migrations.AddField(
            model_name='reply',
            name='original_public',
            field=models.BooleanField(blank=True, choices=[(None, '自动：Word、文本、网页遮盖号码后公开；PDF 等其他格式含个人号码时不公开'), (True, '公开'), (False, '不公开')], default=None, help_text='公开页面是否提供原始文件下载。Word、文本和网页文件一律遮盖个人手机号和身份证号后提供；PDF、扫描件等无法遮盖，答复含个人号码时默认不提供，核对后确可公开的选“公开”。', null=True, verbose_name='原始文件是否公开'),
        ),
    ]
