"""The project's dictionary as IK reads it: one word a line."""

from django.core.management import call_command

from search.management.commands.write_ik_dictionary import ik_words


def test_ik_words_are_the_first_column_each_once():
    assert ik_words("心理健康教育 800 n\n\n政协委员 2000 n\n心理健康教育 5\n") == ["心理健康教育", "政协委员"]


def test_the_command_writes_the_project_dictionary(tmp_path):
    path = tmp_path / "archive.dic"

    call_command("write_ik_dictionary", str(path), verbosity=0)

    words = path.read_text(encoding="utf-8").splitlines()
    assert "心理健康教育" in words and "政协委员" in words
    assert all(word and " " not in word for word in words)
