from django.db import models


class IndexQueueQuerySet(models.QuerySet):
    def waiting(self):
        """The rows not yet processed (read through their own index, ``indexqueue_waiting``)."""
        return self.filter(processed_at__isnull=True)


class IndexQueue(models.Model):
    """A reply whose search document may have changed; written in the same transaction as the change.

    The indexer (``run_search_indexer``) makes the index match the database for each queued reply
    and marks the row processed only after Whoosh has committed, so a lock error means a retry,
    never a lost change. Rebuilds replay the rows queued while they ran.
    """

    reply_id = models.PositiveBigIntegerField("答复编号")
    queued_at = models.DateTimeField("加入时间", auto_now_add=True)
    processed_at = models.DateTimeField("索引时间", null=True, blank=True)

    objects = IndexQueueQuerySet.as_manager()

    class Meta:
        verbose_name = "索引队列"
        verbose_name_plural = "索引队列"
        indexes = [
            models.Index(fields=["processed_at", "id"], name="indexqueue_pending"),
            # Every search asks for the rows still waiting (``stale_reply_ids``). After a rebuild marks thousands
            # processed at one instant, SQLite's statistics made the index above look useless for ``IS NULL`` and
            # it scanned the whole queue (1 ms a search at 10,000 replies). With this index of the waiting rows
            # alone, it looks them up (tests/search/test_waiting_rows.py).
            models.Index(fields=["id"], condition=models.Q(processed_at__isnull=True), name="indexqueue_waiting"),
        ]

    def __str__(self):
        return f"答复 {self.reply_id}"
