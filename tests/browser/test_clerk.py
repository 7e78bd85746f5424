"""A clerk, in a real browser: log in, upload a letter, see it read, correct a field, publish, find it, withdraw it."""

import pytest

from tests.conftest import CLERK_PASSWORD, SEED_LETTERS
from tests.uploads.worker import run_queue

pytestmark = pytest.mark.slow

SEED = SEED_LETTERS / "001_d56d4c687b8b565e.txt"
TITLE = "构建学生心理健康长效机制的建议"


@pytest.fixture
def empty_site(live_server, search_index, clerk):
    return live_server.url


@pytest.mark.parametrize("page", ["desktop"], indirect=True)
def test_clerk_uploads_corrects_publishes_and_withdraws_a_reply(page, empty_site):
    page.goto(f"{empty_site}/admin/login/")
    page.fill("#id_username", "clerk")
    page.fill("#id_password", CLERK_PASSWORD)
    page.click("input[type=submit]")

    page.goto(f"{empty_site}/admin/archive/reply/")
    page.click("text=上传答复函")
    page.set_input_files("#id_files", str(SEED))
    page.shot("1-upload")
    page.click("input[value='上传并识别']")

    page.wait_for_selector("text=排队中")  # 我的上传: accepted, not yet read
    run_queue()  # the upload worker's task, here
    page.click("text=核对并发布")  # there once the page's script has seen the file read
    page.wait_for_selector("text=原文")
    page.fill("#id_doc_number", "资教体函〔2024〕71号")
    page.shot("2-review")
    page.click("input[name=_publish]")
    page.wait_for_selector(".messagelist")

    page.goto(f"{empty_site}/search/?q=罗大成")
    assert page.locator(f"text={TITLE}").count() >= 1
    page.shot("3-published")

    page.goto(f"{empty_site}/admin/archive/reply/")
    page.check("input[name=_selected_action]")
    page.select_option("select[name=action]", "unpublish")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist")

    page.goto(f"{empty_site}/search/?q=罗大成")
    assert page.locator(f"text={TITLE}").count() == 0
    page.shot("4-withdrawn")
