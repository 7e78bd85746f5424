"""The clerk's page of recent uploads, each with its state, and the small JSON the page polls to update itself."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from uploads.models import Upload

RECENT = 100  # uploads listed: a batch of 200 letters shows its newest hundred
POLL_SECONDS = 3


def _recent(request) -> list[Upload]:
    # Whoever may upload may follow their own uploads (the clerks' group has archive.add_reply).
    if not request.user.has_perm("archive.add_reply"):
        raise PermissionDenied
    return list(Upload.objects.filter(uploaded_by=request.user).select_related("reply", "existing")[:RECENT])


def _as_json(upload: Upload) -> dict:
    def change_url(reply):
        return reverse("admin:archive_reply_change", args=[reply.pk]) if reply else ""

    return {"id": upload.pk, "state": upload.state, "label": upload.get_state_display(), "error": upload.error,
            "review_url": change_url(upload.reply), "existing_url": change_url(upload.existing)}


def my_uploads(request):
    uploads = _recent(request)
    context = {
        **admin.site.each_context(request), "title": "我的上传", "uploads": uploads, "poll_seconds": POLL_SECONDS,
        "pending": sum(upload.pending for upload in uploads), "upload_url": reverse("admin:archive_reply_upload"),
    }
    return TemplateResponse(request, "uploads/mine.html", context)


def my_upload_states(request):
    uploads = _recent(request)
    return JsonResponse({"uploads": [_as_json(upload) for upload in uploads],
                         "pending": sum(upload.pending for upload in uploads)})
