from django.db import models


class IndexQueue(models.Model):
    """A reply whose search document may have changed; written in the same transaction as the change.

    The indexer (``run_search_indexer``) makes the index match the database for each queued reply
    and marks the row processed only after Whoosh has committed, so a lock error means a retry,
    never a lost change. Rebuilds replay the rows queued while they ran.
    """

    reply_id = models.PositiveBigIntegerField("答复编号")
    queued_at = models.DateTimeField("加入时间", auto_now_add=True)
    processed_at = models.DateTimeField("索引时间", null=True, blank=True)

    class Meta:
        verbose_name = "索引队列"
        verbose_name_plural = "索引队列"
        indexes = [models.Index(fields=["processed_at", "id"], name="indexqueue_pending")]

    def __str__(self):
        return f"答复 {self.reply_id}"
