from django.apps import AppConfig
from django.conf import settings


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "全文检索"

    def ready(self):
        from archive import search_side
        from search.indexing import last_change_id
        from search.related import related_replies

        search_side.register(related=related_replies, change_counter=last_change_id)
        if settings.SEARCH_LOAD_JIEBA_AT_STARTUP:
            # Once per process, before gunicorn forks its workers (--preload): 0.5 s and ~70 MB saved per worker.
            from archive.text_analysis import load_jieba

            load_jieba()
