"""Create or refresh the clerks' group: they keep the archive, but delete no reply and manage no user."""

from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand
from django.db.models import Q

CLERK_GROUP = "办理人员"
# (model, actions) in the archive app; replies get no "delete": a wrong reply is withdrawn to draft.
CLERK_PERMISSIONS = {
    "reply": ("view", "add", "change"),
    "section": ("view", "add", "change", "delete"),
    "proposal": ("view", "add", "change"),
    "proposer": ("view", "add", "change", "delete"),
    "agency": ("view", "add", "change"),
    "agencyalias": ("view", "add", "change", "delete"),
    "person": ("view", "add", "change"),
    "session": ("view", "add", "change"),
}
# Repeat groups are found by the archive, not made: a clerk only takes a proposal out of a wrong one (repeats.admin).
REPEATS_PERMISSIONS = {"repeatgroup": ("view", "change"), "membership": ("view", "change")}


def clerk_permissions():
    def codenames(permissions):
        return [f"{action}_{model}" for model, actions in permissions.items() for action in actions]

    return Permission.objects.filter(
        Q(content_type__app_label="archive", codename__in=codenames(CLERK_PERMISSIONS))
        | Q(content_type__app_label="repeats", codename__in=codenames(REPEATS_PERMISSIONS))
    )


class Command(BaseCommand):
    help = "创建（或更新）“办理人员”用户组：可上传、修改、发布答复，维护单位与人员；不能删除答复，不能管理用户。"

    def handle(self, *args, **options):
        group, created = Group.objects.get_or_create(name=CLERK_GROUP)
        group.permissions.set(clerk_permissions())
        verb = "已创建" if created else "已更新"
        if options["verbosity"]:
            self.stdout.write(
                self.style.SUCCESS(f"{verb}用户组“{CLERK_GROUP}”（{group.permissions.count()} 项权限）。")
            )
