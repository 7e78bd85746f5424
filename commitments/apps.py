from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "commitments"
    verbose_name = "下一步承诺"

    def ready(self):
        from commitments import signals

        signals.connect()
