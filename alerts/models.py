"""Saved searches with e-mail alerts, without an account.

A ``Subscription`` is an address, a search (its canonical query string, ``alerts.saved_search``) and a
frequency; nothing is mailed to it but its confirmation until it is confirmed (double opt-in).
``FirstPublic`` says when each reply was first seen public, so a reply is new to a subscription when it
became public after the subscription was confirmed: a draft published later is new, an old reply edited
later is not. ``Digest`` and ``SentReply`` record what each digest holds; the unique (subscription,
reply) pair is what keeps a reply from reaching one subscriber twice. ``Attempt`` is the log the limits
count in (keyed hashes, never an address in clear).
"""

import secrets

from django.db import models

from archive.models import Reply


def new_key() -> str:
    """The subscription's secret name in its signed links (not its row number, which would be guessable)."""
    return secrets.token_urlsafe(16)


class Subscription(models.Model):
    class Frequency(models.TextChoices):
        DAILY = "daily", "每日"
        WEEKLY = "weekly", "每周"

    email = models.EmailField("邮箱", max_length=254)
    query = models.CharField("检索条件", max_length=1_800)
    frequency = models.CharField("频率", max_length=8, choices=Frequency.choices, default=Frequency.DAILY)
    key = models.CharField("链接密钥", max_length=32, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)
    # The local date of the last run that checked it (set on confirming): daily is due the next day, weekly 7 later.
    checked_on = models.DateField("上次检查日期", null=True, blank=True)

    class Meta:
        verbose_name = "邮件提醒订阅"
        verbose_name_plural = "邮件提醒订阅"
        constraints = [models.UniqueConstraint(fields=["email", "query"], name="subscription_unique_email_query")]
        indexes = [models.Index(fields=["confirmed_at", "checked_on"], name="subscription_due")]

    def __str__(self):
        return f"{self.email} · {self.query}"

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None


class FirstPublicQuerySet(models.QuerySet):
    def note(self, now) -> int:
        """Record every public reply not yet seen as first seen ``now``; how many were new."""
        seen = self.values("reply_id")
        unseen = Reply.objects.public().exclude(pk__in=seen).values_list("pk", flat=True)
        return len(self.bulk_create([FirstPublic(reply_id=pk, seen_at=now) for pk in unseen],
                                    batch_size=500, ignore_conflicts=True))


class FirstPublic(models.Model):
    """When the alerts first saw a reply public: at a digest run, or on a subscription's confirmation."""

    reply = models.OneToOneField(Reply, on_delete=models.CASCADE, primary_key=True, related_name="+")
    seen_at = models.DateTimeField("首次公开时间", db_index=True)

    objects = FirstPublicQuerySet.as_manager()

    class Meta:
        verbose_name = "首次公开"
        verbose_name_plural = "首次公开"


class Digest(models.Model):
    """One digest mail: recorded before it is sent, marked after (``alerts.delivery``)."""

    class Status(models.TextChoices):
        PENDING = "pending", "发送中"
        SENT = "sent", "已发送"
        LOST = "lost", "未能确认是否送达"

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="digests")
    status = models.CharField("状态", max_length=8, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField("记录时间", auto_now_add=True)
    sent_at = models.DateTimeField("发送时间", null=True, blank=True)

    class Meta:
        verbose_name = "提醒邮件"
        verbose_name_plural = "提醒邮件"


class SentReply(models.Model):
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="+")
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="+")
    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="replies")

    class Meta:
        verbose_name = "已提醒的答复"
        verbose_name_plural = "已提醒的答复"
        constraints = [models.UniqueConstraint(fields=["subscription", "reply"], name="sentreply_once")]


class Attempt(models.Model):
    """A subscribe request from a client, or a confirmation mail to an address, for the limits to count."""

    class Kind(models.TextChoices):
        REQUEST = "request", "订阅请求"
        CONFIRMATION = "confirm", "确认邮件"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    key = models.CharField(max_length=64)  # an HMAC of the client address or the mail address
    at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "key", "at"], name="attempt_recent")]
