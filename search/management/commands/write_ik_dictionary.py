"""Write the project's dictionary (``archive/userdict.txt``) as an IK extension dictionary, for Elasticsearch.

jieba's dictionary lines are ``word frequency tag``; IK reads one word per line, UTF-8. The words that
jieba keeps whole in documents and queries (心理健康教育, 政协委员) must be whole words to IK too, or
the two engines would cut the same letter differently. On every node of the cluster::

    manage.py write_ik_dictionary <es config>/analysis-ik/archive.dic

then name the file in ``<es config>/analysis-ik/IKAnalyzer.cfg.xml``
(``<entry key="ext_dict">archive.dic</entry>``), restart the node, and rebuild the index
(``manage.py rebuild_search_index``): documents keep the words they were cut into when indexed.
Without a path the words are written to standard output.
"""

from pathlib import Path

from django.core.management.base import BaseCommand

from archive.text_analysis import USER_DICT


def ik_words(jieba_dictionary: str) -> list[str]:
    """The words of a jieba dictionary (the first column of each line), each once, in order."""
    words = (line.split()[0] for line in jieba_dictionary.splitlines() if line.strip())
    return list(dict.fromkeys(words))


class Command(BaseCommand):
    help = "把项目词典写成 IK 分词插件的扩展词典（每行一个词），供 Elasticsearch 使用。"

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?",
                            help="写到哪个文件（如 <es 配置目录>/analysis-ik/archive.dic）；不给则输出到屏幕。")

    def handle(self, *args, **options):
        text = "".join(f"{word}\n" for word in ik_words(USER_DICT.read_text(encoding="utf-8")))
        if options["path"]:
            Path(options["path"]).write_text(text, encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"已写出 {text.count(chr(10))} 个词：{options['path']}"))
        else:
            self.stdout.write(text, ending="")
