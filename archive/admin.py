from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from archive import upload
from archive.forms import DraftReviewForm, ReplyForm, UploadForm
from archive.merging import merge_people, merge_proposals, split_person, split_reply
from archive.models import Agency, AgencyAlias, Person, Place, Proposal, Proposer, Reply, Section, Session
from archive.original_door import door
from archive.parsing import parse_reply
from archive.proposal_correction import correct_draft_proposal
from archive.publishing import planned_join, publish_reply
from archive.review import missing_before_publishing, warnings_by_field
from uploads import intake

# The review page's choice for a draft whose proposal matches one already published.
JOIN_FIELD, KEEP_SEPARATE = "_proposal", "separate"
# The published proposal the page said the draft would join ("" for none): publishing waits when that changed.
PLANNED_JOIN_FIELD = "_planned_join"
# Ticked to publish a reply without a title, agency or date (archive.review.missing_before_publishing).
PUBLISH_ANYWAY_FIELD = "_publish_anyway"
# A draft's own proposal, edited on its review page (archive.forms.DraftReviewForm) instead of the proposal select.
DRAFT_PROPOSAL_FIELDSET = ("建议提案", {"fields": [
    "proposal_title", ("proposal_session", "proposal_number"), ("proposers", "proposer_role"), "proposal_place",
]})


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


def _edits_own_proposal(reply: Reply | None) -> bool:
    return reply is not None and reply.proposal.is_draft


def _why_hidden(reply: Reply) -> str:
    """Why the public cannot see a reply, in brackets: （草稿）, （依申请公开）."""
    if reply.status != Reply.Status.PUBLISHED:
        return f"（{reply.get_status_display()}）"
    return f"（{reply.get_disclosure_display()}）" if reply.disclosure in Reply.PRIVATE_DISCLOSURES else ""


def _published_message(reply: Reply, joined: Proposal | None) -> str:
    done = f"已发布，并入已有建议提案：{joined.description}" if joined is not None else "已发布"
    if Reply.objects.public().filter(pk=reply.pk).exists():
        return format_html('{}。<a href="{}">查看公开页面</a>', done, reply.get_absolute_url())
    return f"{done}，但不公开：公众看不到这件答复{_why_hidden(reply)}。"


def _pasted_message(outcome: upload.Outcome) -> str:
    if outcome.saved:
        return format_html('粘贴的文字已保存为草稿：<a href="{}">核对并发布</a>',
                           reverse("admin:archive_reply_change", args=[outcome.reply.pk]))
    return f"粘贴的文字未保存。{outcome.error}"


def _asked_to_publish(request) -> bool:
    return "_publish" in request.POST or request.POST.get("status") == Reply.Status.PUBLISHED


class SectionInline(admin.StackedInline):
    model = Section
    extra = 0
    fields = [("position", "level", "number", "anchor"), "title", "text"]
    ordering = ["position"]


@admin.register(Reply)
class ReplyAdmin(admin.ModelAdmin):
    form = ReplyForm
    list_display = ["proposal_title", "agency", "lead_proposer", "date", "result_class", "status", "public_visibility"]
    list_filter = ["status", "agency", YearFilter, "handling_role", "kind", "result_class", "disclosure"]
    search_fields = ["proposal__title", "proposal__number", "proposal__proposers__name", "agency__name", "doc_number"]
    date_hierarchy = "date"
    list_select_related = ["agency", "proposal"]
    autocomplete_fields = ["proposal", "agency"]
    readonly_fields = ["content_hash", "uploaded_by", "uploaded_at", "updated_at", "original_door"]
    inlines = [SectionInline]
    fieldsets = [
        (None, {"fields": ["proposal", "agency", ("handling_role", "kind"), ("date", "doc_number"), "status"]}),
        ("办理结果与公开", {"fields": [("result_label", "result_code", "result_class"), "disclosure",
                                  ("original_public", "original_door")]}),
        ("落款与联系", {"fields": [("signer", "contact_name", "contact_phone"), "cc"]}),
        ("正文", {"fields": ["next_steps", "body_text"]}),
        ("原件", {"classes": ["collapse"],
                  "fields": ["original", "raw_text", "content_hash", ("uploaded_by", "uploaded_at", "updated_at")]}),
    ]

    def get_queryset(self, request):
        # Whether the public sees a reply, by the one rule that decides it everywhere (Reply.objects.public()).
        public = Reply.objects.public().filter(pk=OuterRef("pk"))
        return super().get_queryset(request).with_proposers().annotate(publicly_visible=Exists(public))

    def get_fieldsets(self, request, obj=None):
        if not _edits_own_proposal(obj):
            return self.fieldsets
        (_, main), *rest = self.fieldsets
        return [DRAFT_PROPOSAL_FIELDSET, (None, {"fields": [f for f in main["fields"] if f != "proposal"]}), *rest]

    @admin.display(description="建议提案标题", ordering="proposal__title")
    def proposal_title(self, reply):
        return reply.proposal.title

    @admin.display(description="领衔人")
    def lead_proposer(self, reply):
        links = reply.proposal.proposer_links.all()
        return links[0].person if links else "—"

    @admin.display(description="公众能否看到", ordering="publicly_visible")
    def public_visibility(self, reply):
        return "公众可见" if reply.publicly_visible else f"公众不可见{_why_hidden(reply)}"

    @admin.display(description="公开页面上的原始文件")
    def original_door(self, reply):
        return door(reply).value

    actions = ["publish", "unpublish", "split_from_proposal"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        was_published = change and form.initial.get("status") == Reply.Status.PUBLISHED
        publishing = "_publish" in request.POST or (obj.status == Reply.Status.PUBLISHED and not was_published)
        if publishing:
            obj.status = Reply.Status.DRAFT  # published below, where its proposal joins the archive's
        replaced = form.initial.get("original") if change and "original" in form.changed_data else None
        if isinstance(form, DraftReviewForm):  # in the reply's transaction: an error leaves both as they were
            correct_draft_proposal(obj.proposal, form.proposal_fields(), reply_date=obj.date)
        super().save_model(request, obj, form, change)
        if replaced and replaced != obj.original:
            # The clerk uploaded a new original or cleared it: the old file goes once the change is committed.
            transaction.on_commit(lambda: obj.original.storage.delete(replaced.name))
        if publishing and self._confirmed(request, obj):
            self._publish_one(request, obj, join=request.POST.get(JOIN_FIELD) != KEEP_SEPARATE, announce=True)

    def _confirmed(self, request, reply) -> bool:
        """Whether the clerk saw what publishing does and confirmed what is missing; if not, says why."""
        planned = planned_join(reply)
        if request.POST.get(PLANNED_JOIN_FIELD, "") != (str(planned.pk) if planned else ""):
            where = f"并入已有建议提案：{planned.description}" if planned else "成为新的建议提案"
            self.message_user(request, f"已保存，未发布：发布时将{where}，与页面原先所说的不同。"
                                       "请核对后再点“保存并发布”。", messages.WARNING)
            return False
        missing = missing_before_publishing(reply)
        if missing and not request.POST.get(PUBLISH_ANYWAY_FIELD):
            self.message_user(request, f"已保存，未发布：缺少{'、'.join(missing)}。"
                                       "确需发布，请勾选“仍然发布”后再点“保存并发布”。", messages.WARNING)
            return False
        return True

    def _publish_one(self, request, reply, *, join=True, announce=False):
        try:
            joined = publish_reply(reply, join=join)
        except ValidationError as error:
            self.message_user(request, "未发布：" + "；".join(error.messages), messages.ERROR)
            return False
        if joined is not None:
            self.log_change(request, reply, f"发布时并入已有建议提案（编号 {joined.pk}）：{joined.description}")
        if announce:
            self.message_user(request, _published_message(reply, joined), messages.SUCCESS)
        return True

    def response_change(self, request, obj):
        if _asked_to_publish(request) and obj.status != Reply.Status.PUBLISHED:
            return redirect("admin:archive_reply_change", obj.pk)  # held or refused: the messages say why
        return super().response_change(request, obj)

    @admin.action(description="发布所选答复", permissions=["change"])
    def publish(self, request, queryset):
        drafts = [
            reply for reply in queryset.select_related("proposal", "agency") if reply.status != Reply.Status.PUBLISHED
        ]
        # Publishing one without a title, agency or date is confirmed on its own review page.
        incomplete = [reply for reply in drafts if missing_before_publishing(reply)]
        published = [reply for reply in drafts if reply not in incomplete and self._publish_one(request, reply)]
        for reply in published:
            self.log_change(request, reply, [{"changed": {"fields": ["status"]}}])
        hidden = len(published) - Reply.objects.public().filter(pk__in=[reply.pk for reply in published]).count()
        note = f"其中 {hidden} 件不公开，公众看不到。" if hidden else ""
        self.message_user(request, f"{len(published)} 件答复已改为“已发布”。{note}", messages.SUCCESS)
        if incomplete:
            links = format_html_join("、", '<a href="{}">{}</a>', (
                (reverse("admin:archive_reply_change", args=[reply.pk]), reply) for reply in incomplete))
            self.message_user(request, format_html(
                "{} 件缺少建议提案标题、答复单位或答复日期，未发布：请打开核对，确需发布时勾选“仍然发布”。{}",
                len(incomplete), links), messages.WARNING)

    @admin.action(description="拆出为单独的建议提案（答复与原建议提案不是同一件时）", permissions=["change"])
    def split_from_proposal(self, request, queryset):
        for reply in queryset.select_related("proposal"):
            old = reply.proposal
            new = split_reply(reply)
            self.log_change(request, reply, f"从建议提案（编号 {old.pk}）拆出为新的建议提案（编号 {new.pk}）")
        self.message_user(request, "已拆出。请在新的建议提案中核对会议与编号。", messages.SUCCESS)

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
            place = form.cleaned_data["place"]
            # Files are read in the background (uploads/): queued now, followed on the clerk's page of uploads.
            queued = intake.accept(form.cleaned_data["files"], user=request.user, place=place)
            if form.cleaned_data["text"].strip():  # pasted text needs no reading: saved at once
                outcomes.append(upload.upload_text(form.cleaned_data["text"], user=request.user, place=place))
            for outcome in outcomes:
                if outcome.saved:
                    self.log_addition(request, outcome.reply, [{"added": {}}])
            if queued:
                self.message_user(request, f"已收到 {len(queued)} 个文件，正在后台逐份识别；下表显示每个文件的进度。",
                                  messages.SUCCESS)
                for outcome in outcomes:  # text pasted beside the files
                    self.message_user(request, _pasted_message(outcome),
                                      messages.SUCCESS if outcome.saved else messages.ERROR)
                return redirect("uploads:mine")
            if outcomes and outcomes[0].saved:
                self.message_user(request, "已保存为草稿。请核对下列字段，确认无误后点“保存并发布”。", messages.SUCCESS)
                return redirect("admin:archive_reply_change", outcomes[0].reply.pk)
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
                   "outcomes": outcomes, "formats": upload.format_lines(), "title": "上传答复函"}
        return TemplateResponse(request, "admin/archive/reply/upload.html", context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if _edits_own_proposal(obj):
            kwargs["form"] = DraftReviewForm
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
                        notes = format_html_join(
                            "", '<span class="parse-warning">⚠ {}</span>', ((w,) for w in warnings)
                        )
                        self.fields[name].help_text = format_html("{}{}", notes, self.fields[name].help_text)

        return ReviewForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.raw_text:
            context.update(parse_warnings=_review_warnings(obj), source_text=obj.raw_text,
                           is_draft=obj.status == Reply.Status.DRAFT)
        if obj is not None and obj.status == Reply.Status.DRAFT:
            context.update(missing_before_publishing=missing_before_publishing(obj),
                           publish_anyway_field=PUBLISH_ANYWAY_FIELD)
        if _edits_own_proposal(obj):
            context.update(planned_join=planned_join(obj), draft_proposal=obj.proposal, join_field=JOIN_FIELD,
                           keep_separate=KEEP_SEPARATE, planned_join_field=PLANNED_JOIN_FIELD)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        extra = {"upload_url": reverse("admin:archive_reply_upload")} if self.has_add_permission(request) else {}
        return super().changelist_view(request, {**extra, **(extra_context or {})})


class ProposerInline(admin.TabularInline):
    model = Proposer
    extra = 1
    autocomplete_fields = ["person"]


def _log_each(model_admin, request, objects, message):
    for obj in objects:
        model_admin.log_change(request, obj, message)


def _merge_selected(model_admin, request, queryset, merge, *, noun, moved):
    """Merge the selected records into the oldest, whose address then stays; recorded in its history."""
    selected = list(queryset.order_by("pk"))
    if len(selected) < 2:
        model_admin.message_user(request, f"请至少选择两{noun}。", messages.WARNING)
        return None
    target, others = selected[0], selected[1:]
    try:
        merge(target, others)
    except ValueError as refusal:
        model_admin.message_user(request, str(refusal), messages.ERROR)
        return None
    _log_each(model_admin, request, [target], f"并入{noun[1:]}（编号 {'、'.join(str(o.pk) for o in others)}）的{moved}")
    return target


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "place", "session", "number", "kind", "body", "is_draft"]
    list_filter = ["body", "kind", "is_draft", "place__level"]
    list_select_related = ["place", "session__place"]  # a session names its place
    search_fields = ["title", "number", "proposers__name", "place__name"]
    autocomplete_fields = ["session", "place"]
    inlines = [ProposerInline]
    actions = ["merge"]

    @admin.action(description="合并所选建议提案（同一件建议提案被分成了几件）", permissions=["change"])
    def merge(self, request, queryset):
        target = _merge_selected(self, request, queryset, merge_proposals, noun="件建议提案", moved="答复与提出人")
        if target is not None:
            self.message_user(request, f"已合并为建议提案：{target.description}", messages.SUCCESS)


class AgencyAliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 1


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "place"]
    list_filter = ["place__level"]
    list_select_related = ["place"]
    search_fields = ["name", "aliases__name", "place__name"]
    autocomplete_fields = ["place"]
    inlines = [AgencyAliasInline]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "role", "place"]
    list_filter = ["role", "place__level"]
    list_select_related = ["place"]
    search_fields = ["name", "place__name"]
    autocomplete_fields = ["place"]
    actions = ["merge", "split_by_place"]

    @admin.action(description="合并所选提出人（同一个人被分成了几个）", permissions=["change"])
    def merge(self, request, queryset):
        target = _merge_selected(self, request, queryset, merge_people, noun="位提出人", moved="建议提案")
        if target is not None:
            who = f"{target.name}（{target.description or '地区未定'}）"
            self.message_user(request, f"已合并为：{who}", messages.SUCCESS)

    @admin.action(description="按建议提案的地区拆分所选提出人（不同地区的同名人）", permissions=["change"])
    def split_by_place(self, request, queryset):
        for person in queryset:
            proposals = Proposal.objects.filter(proposer_links__person=person).select_related("place")
            by_place = {}
            for proposal in proposals:
                if proposal.place_id and proposal.place_id != person.place_id:
                    by_place.setdefault(proposal.place, []).append(proposal)
            for place, moved in by_place.items():
                new = split_person(person, moved, place)
                _log_each(self, request, [person, new],
                          f"按地区拆分：{len(moved)} 件{place.name}的建议提案归提出人（编号 {new.pk}）")
        self.message_user(request, "已按地区拆分。", messages.SUCCESS)


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["name", "place", "body", "term", "meeting", "year"]
    list_filter = ["body", "place__level"]
    search_fields = ["name", "place__name"]
    autocomplete_fields = ["place"]

    def get_queryset(self, request):
        # A session names its place (资阳市·市政协五届四次会议): in the list and in the proposal's autocomplete.
        return super().get_queryset(request).select_related("place")


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "parent"]
    list_filter = ["level"]
    list_select_related = ["parent"]
    search_fields = ["name", "code"]
    readonly_fields = ["code", "name", "level", "parent"]

    def has_add_permission(self, request):
        return False  # places come from the national gazetteer (archive.places), named by letters or clerks
