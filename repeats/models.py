"""Groups of proposals that raise the same issue, a clerk's exclusions, and each proposal's words kept for grouping."""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from archive.models import Proposal, Reply


def public_proposals():
    """The proposals that count: published (not a draft's own), with at least one public reply."""
    public = Reply.objects.public().filter(proposal=OuterRef("pk"))
    return Proposal.objects.filter(is_draft=False).filter(Exists(public))


class RepeatGroup(models.Model):
    """Proposals on one issue, from any place, session and year; made by ``manage.py group_repeats``."""

    # The medoid's title at the last regroup: pages name the group by repeats.issues.public_label, which drops it
    # once that proposal has no public reply left.
    label = models.CharField("代表性标题", max_length=300, help_text="组内最具代表性的建议提案标题，重新分组时更新。")
    # The vector of the group's medoid (repeats.similarity.medoid, whose title is the label): a newly published
    # proposal as close to it as every member must be joins the group at once, without regrouping the archive.
    medoid = models.JSONField(default=dict, editable=False)
    created_at = models.DateTimeField("建立时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "同类建议提案组"
        verbose_name_plural = "同类建议提案组"
        ordering = ["-updated_at"]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("repeats:group", args=[self.pk])


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(removed_by_clerk=False)


class Membership(models.Model):
    """A proposal in a group; or, removed by a clerk, a proposal that regrouping never puts back in this group."""

    group = models.ForeignKey(RepeatGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name="组")
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="repeat_memberships", verbose_name="建议提案"
    )
    removed_by_clerk = models.BooleanField(
        "由工作人员移出", default=False,
        help_text="勾选后此建议提案不再列入本组，重新分组也不会再放回本组。",
    )
    added_at = models.DateTimeField("加入时间", auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "组内建议提案"
        verbose_name_plural = "组内建议提案"
        constraints = [
            models.UniqueConstraint(fields=["group", "proposal"], name="repeat_membership_unique"),
            # A proposal raises one issue: it is in at most one group (its exclusions aside).
            models.UniqueConstraint(
                fields=["proposal"], condition=Q(removed_by_clerk=False), name="repeat_one_group_per_proposal"
            ),
        ]

    def __str__(self):
        return f"{self.group}：{self.proposal}"


class ProposalWords(models.Model):
    """A proposal's vector (repeats.similarity.proposal_vector), kept until its title or public replies change.

    jieba reads about 0.3 million characters a second: regrouping 10,000 proposals from their letters would take
    minutes, from these rows seconds.
    """

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, primary_key=True, related_name="+")
    source = models.CharField(max_length=64, help_text="标题和公开答复的指纹：变了就重新计算。")
    vector = models.JSONField()

    class Meta:
        verbose_name = "建议提案词向量"
        verbose_name_plural = "建议提案词向量"
