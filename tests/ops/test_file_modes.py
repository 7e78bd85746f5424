"""The data dir is the owner's alone: the SQLite database (sessions, hidden letters), the originals, the index
and the secret key are created owner-only, whatever the umask the process was started with (issue 13).

Each check runs Django in a subprocess on a fresh data dir, started with the usual umask 022, as `make run`,
systemd and the indexer start it.
"""

import stat
import subprocess
from pathlib import Path

from tests.gunicorn_server import run_with_django, server_env

SETUP = """
from django.core.files.base import ContentFile
from django.core.management import call_command
from archive.models import Reply
from search.indexing import rebuild
call_command("migrate", verbosity=0)
call_command("loaddata", "seed_replies", verbosity=0)
reply = Reply.objects.first()
reply.original.save("letter.txt", ContentFile("原件".encode()))
rebuild()
"""


def run_django(env: dict[str, str], script: str) -> subprocess.CompletedProcess:
    # A permissive umask, as a shell might have: the archive must close its files itself.
    return run_with_django(env, script, timeout=180, umask=0o022)


def readable_by_others(folder: Path) -> list[str]:
    return sorted(f"{path.relative_to(folder)} {stat.filemode(path.stat().st_mode)}"
                  for path in [folder, *folder.rglob("*")] if not path.is_symlink() and path.stat().st_mode & 0o077)


def test_everything_the_archive_writes_is_owner_only(tmp_path):
    data = tmp_path / "data"
    done = run_django(server_env(data, SECRET_KEY=""), SETUP)
    assert done.returncode == 0, done.stderr[-3000:]

    assert (data / "archive.sqlite3").exists() and (data / "secret_key").exists()
    assert any((data / "originals").rglob("letter*.txt"))
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert readable_by_others(data) == []


def test_a_data_dir_made_before_is_closed_at_the_next_start(tmp_path):
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    data.chmod(0o755)

    done = run_django(server_env(data), "")

    assert done.returncode == 0, done.stderr[-3000:]
    assert stat.S_IMODE(data.stat().st_mode) == 0o700


def test_the_health_check_answers_over_plain_http_when_the_site_redirects_to_https(tmp_path):
    """With HTTPS=1 every page redirects to https://, but a local health check speaks plain HTTP and does not follow
    redirects: /healthz answers it (SECURE_REDIRECT_EXEMPT)."""
    env = server_env(tmp_path, HTTPS="1", ALLOWED_HOSTS="archive.example.cn")
    script = """
from django.core.management import call_command
from django.test import Client
call_command("migrate", verbosity=0)
client = Client(SERVER_NAME="archive.example.cn")
print(client.get("/healthz").status_code, client.get("/").status_code, client.get("/healthz/x").status_code)
"""
    done = run_django(env, script)

    assert done.returncode == 0, done.stderr[-3000:]
    health, home, other = done.stdout.split()[-3:]
    assert health in ("200", "503")  # answered, not redirected
    assert home == other == "301"
