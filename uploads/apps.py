from django.apps import AppConfig


class UploadsConfig(AppConfig):
    name = "uploads"
    verbose_name = "上传"

    def ready(self):
        from uploads import processing  # noqa: F401  (connects the signal that finishes an upload with its reply)
