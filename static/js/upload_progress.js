// The clerk's page of uploads (templates/uploads/mine.html): while files are queued or being read, ask
// the server for their states every few seconds and update each row; stop once none is pending.
(function () {
  "use strict";

  function note(cell, upload) {
    cell.textContent = "";
    function link(href, text) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      cell.appendChild(a);
    }
    if (upload.review_url) {
      link(upload.review_url, "核对并发布");
    } else if (upload.error) {
      cell.appendChild(document.createTextNode("未保存。" + upload.error + " "));
      if (upload.existing_url) link(upload.existing_url, "查看已有答复");
    }
  }

  function update(status, data) {
    data.uploads.forEach(function (upload) {
      var row = document.querySelector('tr[data-upload="' + upload.id + '"]');
      if (!row) return;
      var state = row.querySelector(".upload-state");
      if (state.textContent === upload.label) return;
      state.textContent = upload.label;
      state.className = "upload-state state-" + upload.state;
      note(row.querySelector(".upload-note"), upload);
    });
    status.textContent = data.pending
      ? "还有 " + data.pending + " 份在排队或识别中，本页会自动更新。"
      : "全部文件都已处理完。";
  }

  function start() {
    var status = document.getElementById("upload-progress");
    if (!status) return;
    var url = status.getAttribute("data-states-url");
    var every = 1000 * Number(status.getAttribute("data-poll-seconds") || 3);

    function poll() {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.json();
        })
        .then(function (data) {
          update(status, data);
          if (data.pending) setTimeout(poll, every);
        })
        .catch(function () {
          setTimeout(poll, every * 5); // the server is restarting, or the network is down: try again later
        });
    }
    if (document.querySelector(".state-queued, .state-reading")) setTimeout(poll, every);
  }

  document.addEventListener("DOMContentLoaded", start);
})();
