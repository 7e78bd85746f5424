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
    # Only the replies' ids are shown (links to their review pages): no join, and none of their 10 KB texts.
    return list(Upload.objects.filter(uploaded_by=request.user)[:RECENT])


def _as_json(upload: Upload) -> dict:
    def change_url(reply_id):
        return reverse("admin:archive_reply_change", args=[reply_id]) if reply_id else ""

    return {"id": upload.pk, "state": upload.state, "label": upload.get_state_display(), "error": upload.error,
            "review_url": change_url(upload.reply_id), "existing_url": change_url(upload.existing_id)}


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
