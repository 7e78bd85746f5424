from django.contrib import admin
from django.db.models import Prefetch

from archive.models import Agency, AgencyAlias, Person, Proposal, Proposer, Reply, Section, Session


class YearFilter(admin.SimpleListFilter):
    title = "年份"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Reply.objects.filter(date__isnull=False).dates("date", "year", order="DESC")
        return [(str(day.year), f"{day.year}年") for day in years]

    def queryset(self, request, queryset):
        return queryset.filter(date__year=self.value()) if self.value() else queryset


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
        leads = Proposer.objects.select_related("person").order_by("position")
        return super().get_queryset(request).prefetch_related(Prefetch("proposal__proposer_links", queryset=leads))

    @admin.display(description="建议提案标题", ordering="proposal__title")
    def proposal_title(self, reply):
        return reply.proposal.title

    @admin.display(description="领衔人")
    def lead_proposer(self, reply):
        links = reply.proposal.proposer_links.all()
        return links[0].person if links else "—"

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


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
