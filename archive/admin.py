from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from archive import upload
from archive.forms import UploadForm
from archive.models import Agency, AgencyAlias, Person, Proposal, Proposer, Reply, Section, Session
from archive.parsing import parse_reply
from archive.review import warnings_by_field


class YearFilter(admin.SimpleListFilter):
    title = "年份"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Reply.objects.filter(date__isnull=False).dates("date", "year", order="DESC")
        return [(str(day.year), f"{day.year}年") for day in years]

    def queryset(self, request, queryset):
        return queryset.filter(date__year=self.value()) if self.value() else queryset


def _review_warnings(reply: Reply) -> list[str]:
    """The parser's warnings on a reply's raw text, parsed once per request: the form and the page both show them."""
    if not hasattr(reply, "_review_warnings"):
        reply._review_warnings = parse_reply(reply.raw_text).warnings if reply.raw_text else []
    return reply._review_warnings


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = [("position", "level", "number", "anchor"), "title", "text"]
    ordering = ["position"]


@admin.register(Reply)
class ReplyAdmin(admin.ModelAdmin):
    list_display = ["proposal_title", "agency", "lead_proposer", "date", "result_class", "status"]
    list_filter = ["status", "agency", YearFilter, "handling_role", "kind", "result_class", "disclosure"]
    search_fields = ["proposal__title", "proposal__number", "proposal__proposers__name", "agency__name", "doc_number"]
    date_hierarchy = "date"
    list_select_related = ["agency", "proposal"]
    autocomplete_fields = ["proposal", "agency"]
    readonly_fields = ["content_hash", "uploaded_by", "uploaded_at", "updated_at"]
    inlines = [SectionInline]
    fieldsets = [
        (None, {"fields": ["proposal", "agency", ("handling_role", "kind"), ("date", "doc_number"), "status"]}),
        ("办理结果与公开", {"fields": [("result_label", "result_code", "result_class"), "disclosure"]}),
        ("落款与联系", {"fields": [("signer", "contact_name", "contact_phone"), "cc"]}),
        ("正文", {"fields": ["next_steps", "body_text"]}),
        ("原件", {"classes": ["collapse"], "fields": ["original", "raw_text", "content_hash", ("uploaded_by", "uploaded_at", "updated_at")]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_proposers()

    @admin.display(description="建议提案标题", ordering="proposal__title")
    def proposal_title(self, reply):
        return reply.proposal.title

    @admin.display(description="领衔人")
    def lead_proposer(self, reply):
        links = reply.proposal.proposer_links.all()
        return links[0].person if links else "—"

    actions = ["publish", "unpublish"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        if "_publish" in request.POST:
            obj.status = Reply.Status.PUBLISHED
        super().save_model(request, obj, form, change)

    @admin.action(description="发布所选答复", permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Reply.Status.PUBLISHED)

    @admin.action(description="撤回所选答复（改为草稿，公开页面不再显示）", permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Reply.Status.DRAFT)

    def _set_status(self, request, queryset, status):
        # Saved one by one, not with update(), so the search index hears of each change and the history records it.
        changed = [reply for reply in queryset if reply.status != status]
        for reply in changed:
            reply.status = status
            reply.save(update_fields=["status", "updated_at"])
            self.log_change(request, reply, [{"changed": {"fields": ["status"]}}])
        label = Reply.Status(status).label
        self.message_user(request, f"{len(changed)} 件答复已改为“{label}”。", messages.SUCCESS)

    # ---- the clerk's upload and review -----------------------------------------------------

    def get_urls(self):
        upload_url = path("upload/", self.admin_site.admin_view(self.upload_view), name="archive_reply_upload")
        return [upload_url, *super().get_urls()]

    def upload_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
        outcomes = []
        if form.is_bound and form.is_valid():
            outcomes = [upload.upload_file(item, user=request.user) for item in form.cleaned_data["files"]]
            if form.cleaned_data["text"].strip():
                outcomes.append(upload.upload_text(form.cleaned_data["text"], user=request.user))
            for outcome in outcomes:
                if outcome.saved:
                    self.log_addition(request, outcome.reply, [{"added": {}}])
            saved = [outcome for outcome in outcomes if outcome.saved]
            if len(outcomes) == 1 and saved:
                self.message_user(request, "已保存为草稿。请核对下列字段，确认无误后点“保存并发布”。", messages.SUCCESS)
                return redirect("admin:archive_reply_change", saved[0].reply.pk)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
                   "outcomes": outcomes, "title": "上传答复函"}
        return TemplateResponse(request, "admin/archive/reply/upload.html", context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None or obj.status == Reply.Status.PUBLISHED or not obj.raw_text:
            return form
        # A draft shows the parser's warnings under the fields they concern.
        grouped = warnings_by_field(_review_warnings(obj))

        class ReviewForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name, warnings in grouped.items():
                    if name in self.fields:
                        notes = format_html_join("", '<span class="parse-warning">⚠ {}</span>', ((w,) for w in warnings))
                        self.fields[name].help_text = format_html("{}{}", notes, self.fields[name].help_text)

        return ReviewForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.raw_text:
            context.update(parse_warnings=_review_warnings(obj), source_text=obj.raw_text,
                           is_draft=obj.status == Reply.Status.DRAFT)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        extra = {"upload_url": reverse("admin:archive_reply_upload")} if self.has_add_permission(request) else {}
        return super().changelist_view(request, {**extra, **(extra_context or {})})


class ProposerInline(admin.TabularInline):
    model = Proposer
    extra = 1
    autocomplete_fields = ["person"]


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "session", "number", "kind", "body"]
    list_filter = ["body", "kind", "session"]
    search_fields = ["title", "number", "proposers__name"]
    autocomplete_fields = ["session"]
    inlines = [ProposerInline]


class AgencyAliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 1


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "level"]
    list_filter = ["level", "region"]
    search_fields = ["name", "aliases__name", "region"]
    inlines = [AgencyAliasInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "role"]
    list_filter = ["role"]
    search_fields = ["name"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["name", "body", "region", "term", "meeting", "year"]
    list_filter = ["body", "region"]
    search_fields = ["name", "region"]
