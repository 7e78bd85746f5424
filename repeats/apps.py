from django.apps import AppConfig


class RepeatsConfig(AppConfig):
    name = "repeats"
    verbose_name = "同类建议提案"

    def ready(self):
        from repeats import signals

        signals.connect()
