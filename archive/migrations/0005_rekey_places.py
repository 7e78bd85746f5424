"""Give every record its place and re-key sessions, proposals and people by it; print what changed.

The report also goes to ``$ARCHIVE_DATA_DIR/reports/`` so it survives the terminal.
"""

from datetime import datetime, timezone

from django.conf import settings
from django.db import migrations


def rekey_places(apps, schema_editor):
    from archive.rekey import rekey

    lines = rekey(apps)
    if not lines:
        return
    folder = settings.DATA_DIR / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / f"places-rekey-{datetime.now(timezone.utc):%Y%m%d-%H%M%S}.txt"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"\n  按地区重新归并：{len(lines)} 处改动，详见 {report}")
    for line in lines[:50]:
        print("   ", line)


class Migration(migrations.Migration):

    dependencies = [
        ("archive", "0004_places"),
    ]

    operations = [
        migrations.RunPython(rekey_places, migrations.RunPython.noop),
    ]
