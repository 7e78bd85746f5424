from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "答复档案"

    def ready(self):
        from archive import withdrawals

        withdrawals.connect()
