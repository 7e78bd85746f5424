"""A zip of letters: each member comes out alone, with its bytes or the reason it will not be read."""

import io
import zipfile

import pytest

from archive.extract import ExtractError, batch_members, extract_text, is_batch
from tests.bad_files import zip_bomb_docx
from tests.letter_files import letter_text, numbered_docx, zipped

LETTER = letter_text("040_yibin_tianren_chinese_number.txt").encode()


def members(data, max_bytes=20 * 1024 * 1024):
    return list(batch_members(data, "一批答复函.zip", max_bytes=max_bytes))


def outcomes(data, **kwargs):
    return {member.name: member.error or "读取" for member in members(data, **kwargs)}


def test_a_zip_is_a_batch_and_a_docx_is_not():
    assert is_batch("第五届第四次会议.ZIP") and not is_batch("答复函.docx")


def test_each_letter_of_a_batch_comes_out_with_its_own_bytes_in_order():
    docx = numbered_docx(LETTER.decode())

    found = members(zipped({"01 宜宾.txt": LETTER, "2024年/02.docx": docx}))

    assert [(member.name, member.data) for member in found] == [("01 宜宾.txt", LETTER), ("2024年/02.docx", docx)]


def test_names_written_in_gbk_by_chinese_windows_read_as_chinese():
    assert list(outcomes(zipped({"答复函/宜宾市卫健委.txt": LETTER}, utf8_names=False))) == ["答复函/宜宾市卫健委.txt"]


def test_names_climbing_out_of_the_folder_are_made_harmless():
    names = outcomes(zipped({"../../etc/passwd.txt": LETTER, "/abs/答复.txt": LETTER, "C:\\dir\\答复2.txt": LETTER}))

    assert list(names) == ["etc/passwd.txt", "abs/答复.txt", "dir/答复2.txt"]


def test_a_zip_inside_the_zip_is_refused_and_the_others_still_come_out():
    names = outcomes(zipped({"内层.zip": zipped({"a.txt": LETTER}), "宜宾.txt": LETTER}))

    assert names == {"内层.zip": "压缩包里的压缩包不予处理，请解压后单独上传。", "宜宾.txt": "读取"}


def test_a_member_over_the_size_limit_is_refused_alone():
    names = outcomes(zipped({"大.txt": LETTER * 20, "宜宾.txt": LETTER}), max_bytes=len(LETTER) * 2)

    assert "上限" in names["大.txt"] and names["宜宾.txt"] == "读取"


def test_a_member_that_is_a_zip_bomb_is_refused_alone_and_a_docx_bomb_by_the_word_reader():
    bomb = zipfile.ZipInfo("炸弹.txt")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(bomb, b" " * (15 * 1024 * 1024), compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("宜宾.txt", LETTER)
        archive.writestr("炸弹.docx", zip_bomb_docx())

    found = {member.name: member for member in members(buffer.getvalue())}

    assert "压缩炸弹" in found["炸弹.txt"].error and not found["宜宾.txt"].error
    with pytest.raises(ExtractError, match="压缩炸弹"):
        extract_text(found["炸弹.docx"].data, "炸弹.docx")


def test_folders_and_the_litter_of_macs_and_word_are_left_out():
    names = outcomes(zipped({"__MACOSX/._宜宾.txt": b"\x00\x05", "~$宜宾.docx": b"lock", "宜宾.txt": LETTER,
                             ".DS_Store": b"\x00"}))

    assert list(names) == ["宜宾.txt"]


def test_a_member_with_a_password_is_refused_alone():
    data = bytearray(zipped({"密.txt": LETTER, "宜宾.txt": LETTER}))
    # Set the "encrypted" flag of the first member, in its local header and in the central directory.
    data[6] |= 1
    central = data.find(b"PK\x01\x02")
    data[central + 8] |= 1

    names = outcomes(bytes(data))

    assert names == {"密.txt": "压缩包里的这个文件设有密码，无法读取，请去掉密码后再上传。", "宜宾.txt": "读取"}


def test_a_batch_of_more_than_200_files_is_refused_whole():
    with pytest.raises(ExtractError, match="超过 200 份"):
        members(zipped({f"{number:03d}.txt": LETTER for number in range(201)}))


def test_a_batch_inflating_past_its_total_is_refused_whole_before_any_member():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(21):
            archive.writestr(f"{number}.txt", b" " * (10 * 1024 * 1024))

    with pytest.raises(ExtractError, match="压缩炸弹"):
        members(buffer.getvalue(), max_bytes=50 * 1024 * 1024)


def test_a_damaged_zip_is_refused_whole():
    with pytest.raises(ExtractError, match="文件已损坏"):
        members(zipped({"宜宾.txt": LETTER})[:40])


def test_a_program_renamed_zip_is_refused_as_not_a_zip():
    with pytest.raises(ExtractError, match="内容不是压缩包"):
        members(b"MZ\x90\x00" + bytes(100))
