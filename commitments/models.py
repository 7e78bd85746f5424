"""What a reply promised (下一步), one row per commitment, derived from the letter and never edited by hand.

Rows are made for every reply, drafts included, by ``commitments.deriving`` whenever a reply is saved;
the public sees only those of ``Reply.objects.public()`` (``commitments.lists``, ``commitments.stats``).
A commitment's follow-up (后续答复) is a later public reply of the same agency on a related proposal
(``commitments.followups``).
"""

from django.db import models

from archive.models import Reply


class CommitmentQuerySet(models.QuerySet):
    def dated(self):
        return self.filter(due__isnull=False)

    def past_due(self, today):
        """Due before ``today`` (timezone.localdate()): 已到期."""
        return self.filter(due__lt=today)

    def open(self, today):
        """Due on ``today`` or later: 未到期."""
        return self.filter(due__gte=today)


class Commitment(models.Model):
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="commitments", verbose_name="答复")
    position = models.PositiveSmallIntegerField("顺序")
    text = models.TextField("承诺内容", help_text="按原文，不含序号（一是、（一））。")
    deadline = models.CharField("期限（原文）", max_length=40, blank=True, help_text="如“2025年底前”“下学期”。")
    due = models.DateField(
        "到期日期", null=True, blank=True, help_text="按答复日期推算；原文未写期限或无法推算时为空。"
    )
    follow_up = models.ForeignKey(
        Reply, on_delete=models.SET_NULL, null=True, blank=True, related_name="followed_commitments",
        verbose_name="后续答复", help_text="同一单位其后对同一或相关建议提案的公开答复。",
    )

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = "下一步承诺"
        verbose_name_plural = "下一步承诺"
        ordering = ["reply", "position"]
        constraints = [models.UniqueConstraint(fields=["reply", "position"], name="commitment_unique_position")]
        indexes = [models.Index(fields=["due"], name="commitment_due")]

    def __str__(self):
        return self.text[:50]

    @property
    def public_follow_up(self) -> Reply | None:
        """The follow-up reply when the public may read it (a withdrawn one is kept off until it is re-linked)."""
        return self.follow_up if self.follow_up_id and self.follow_up.is_public else None
