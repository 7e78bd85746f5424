"""Make sure an admin account exists: password from ADMIN_PASSWORD, or generated and printed once."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "确保存在管理员账号（密码取自 ADMIN_PASSWORD，未设置时随机生成并打印）。"

    def add_arguments(self, parser):
        parser.add_argument("--username", default=os.environ.get("ADMIN_USERNAME", "admin"))

    def handle(self, *args, **options):
        users = get_user_model().objects
        username = options["username"]
        password = os.environ.get("ADMIN_PASSWORD", "")
        user = users.filter(username=username).first()
        if user is not None:
            if password:
                user.set_password(password)
                user.save(update_fields=["password"])
                self.stdout.write(f"管理员 {username} 的密码已按 ADMIN_PASSWORD 更新。")
            else:
                self.stdout.write(f"管理员账号 {username} 已存在，密码未改动。")
            return
        generated = not password
        password = password or secrets.token_urlsafe(12)
        users.create_superuser(username=username, email="", password=password)
        shown = password if generated else "（取自 ADMIN_PASSWORD）"
        self.stdout.write(self.style.SUCCESS(f"已创建管理员账号：用户名 {username}，密码 {shown}"))
