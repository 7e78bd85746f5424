from django.core.management.base import BaseCommand

from repeats.grouping import regroup


class Command(BaseCommand):
    help = "把提出同一问题的建议提案重新分组（跨年份、会议和地区）；保留工作人员的移出和各组的编号。"

    def handle(self, *args, **options):
        outcome = regroup()
        self.stdout.write(
            f"{outcome.proposals} 件公开的建议提案，{outcome.groups} 组同类建议提案（共 {outcome.grouped} 件），"
            f"用时 {outcome.seconds:.1f} 秒。"
        )
