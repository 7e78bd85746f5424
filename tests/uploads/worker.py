"""The upload worker's work, run here: each queued django-q2 message is taken and its task run, as a worker would.

The tests' own "immediate mode": the real messages the upload wrote, taken from the real queue table
(so a test sees what was queued, and a message queued twice runs twice), in this process.
"""

from django.utils.module_loading import import_string
from django_q.brokers import get_broker
from django_q.signing import SignedPackage


def run_queue() -> int:
    """Run every queued task until the queue is empty; how many ran."""
    broker, ran = get_broker(), 0
    while broker.queue_size():
        for message_id, payload in broker.dequeue() or ():
            task = SignedPackage.loads(payload)
            import_string(task["func"])(*task["args"], **task["kwargs"])
            broker.acknowledge(message_id)
            ran += 1
    return ran


UPLOAD, MINE = "/admin/archive/reply/upload/", "/admin/uploads/"


def upload_and_read(client, *files, text: str = ""):
    """Upload as a clerk does, let the worker read what was queued, and return the page the clerk then sees.

    That is the page of their uploads, each with its outcome; or, for a form refused or pasted text alone,
    the upload view's own answer.
    """
    response = client.post(UPLOAD, {"files": list(files), "text": text})
    run_queue()
    if response.status_code == 302 and response["Location"] == MINE:
        return client.get(MINE)
    return response
