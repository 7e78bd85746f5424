"""A benchmark's table goes to a file of its day, and a second run that day does not replace the first."""

from datetime import UTC, datetime

from benchmarks import bench


def test_a_second_run_of_the_day_gets_a_file_of_its_own(tmp_path, monkeypatch):
    monkeypatch.setattr(bench, "RESULTS", tmp_path / "results")
    morning, evening = datetime(2026, 11, 30, 12, 48, tzinfo=UTC), datetime(2026, 11, 30, 18, 22, tzinfo=UTC)

    first = bench.result_path("10000", morning)
    first.write_text("the morning's table")
    second = bench.result_path("10000", evening)

    assert (first.name, second.name) == ("2026-11-30-10000.md", "2026-11-30-10000-1822.md")
    assert first.read_text() == "the morning's table"
