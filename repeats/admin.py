"""A clerk takes a proposal out of a wrong group: tick 由工作人员移出 on the group's page in the admin."""

from django.contrib import admin
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html

from repeats.grouping import refresh
from repeats.models import Membership, RepeatGroup


class MembershipInline(admin.TabularInline):
    model = Membership
    fields = ["proposal_link", "removed_by_clerk", "added_at"]
    readonly_fields = ["proposal_link", "added_at"]
    extra = 0
    can_delete = False  # a deleted row would forget the removal: regrouping would put the proposal back

    def has_add_permission(self, request, obj=None):
        return False  # groups are found, not made by hand

    @admin.display(description="建议提案")
    def proposal_link(self, membership):
        url = reverse("admin:archive_proposal_change", args=[membership.proposal_id])
        return format_html('<a href="{}">{}</a>', url, membership.proposal.description)


@admin.register(RepeatGroup)
class RepeatGroupAdmin(admin.ModelAdmin):
    list_display = ["label", "proposal_count", "updated_at"]
    search_fields = ["label", "memberships__proposal__title"]
    fields = ["label", "created_at", "updated_at"]
    readonly_fields = ["label", "created_at", "updated_at"]
    inlines = [MembershipInline]

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            proposals=Count("memberships", filter=Q(memberships__removed_by_clerk=False))
        )

    @admin.display(description="建议提案数", ordering="proposals")
    def proposal_count(self, group):
        return group.proposals

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh(form.instance)  # a removed proposal may have been the one whose title labelled the group
