from django.conf import settings
from django.db import models


class Upload(models.Model):
    """One file a clerk uploaded (or one letter of an uploaded zip), from the queue to the draft reply it became."""

    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        READING = "reading", "识别中"
        READY = "ready", "待核对"
        FAILED = "failed", "未能读取"

    name = models.CharField("文件", max_length=500)  # as shown: "批次.zip › 2024年/答复01.docx"
    filename = models.CharField("文件名", max_length=255)  # the letter's own name, whose extension picks its reader
    # The bytes to read, under the data dir, until they became a reply (which keeps its own original).
    file = models.FileField("待读取的文件", upload_to="uploads/%Y/%m/", max_length=300, blank=True)
    place_code = models.CharField("默认地区", max_length=12, blank=True)  # GB/T 2260, the clerk's choice
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="上传人"
    )
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.TextField("未能读取的原因", blank=True)
    reply = models.ForeignKey(
        "archive.Reply", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="草稿答复"
    )
    existing = models.ForeignKey(  # the archived reply a duplicate letter repeats
        "archive.Reply", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name="已有答复"
    )
    attempts = models.PositiveSmallIntegerField("读取次数", default=0)
    # Who reads it now and until when: another worker may take it over only once the lease has run out.
    lease_owner = models.CharField(max_length=64, blank=True)
    lease_until = models.DateTimeField(null=True)
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    started_at = models.DateTimeField("开始读取", null=True)
    finished_at = models.DateTimeField("读取完成", null=True)

    class Meta:
        verbose_name = verbose_name_plural = "上传的文件"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["uploaded_by", "-created_at"], name="upload_mine_newest"),
            models.Index(fields=["state", "lease_until"], name="upload_state_lease"),
        ]

    def __str__(self):
        return self.name

    @property
    def pending(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.READING)
