from django.apps import AppConfig
from django.conf import settings


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "全文检索"

    def ready(self):
        if settings.SEARCH_LOAD_JIEBA_AT_STARTUP:
            # Once per process, before gunicorn forks its workers (--preload): 0.5 s and ~70 MB saved per worker.
            from search.analysis import load_jieba

            load_jieba()
