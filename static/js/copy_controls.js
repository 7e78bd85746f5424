// A reply page's copy controls: each section heading's link becomes a 复制链接 button, and the citation gets a
// 复制引用 button. Without JavaScript the links and the citation's text stay as they are, to follow or select.
// What happened is said in the page's status line (role="status": screen readers announce it politely).
(function () {
  var status = document.getElementById("copy-status");
  if (!status) {
    return;
  }
  var clearing;

  function say(message) {
    status.textContent = message;
    clearTimeout(clearing);
    clearing = setTimeout(function () { status.textContent = ""; }, 4000);
  }

  // The clipboard is there only on https and on this machine; elsewhere, or when refused, failed() says what to do.
  function copy(text, done, failed) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, failed);
    } else {
      failed();
    }
  }

  function button(label, describedBy) {
    var made = document.createElement("button");
    made.type = "button";
    made.className = "copy-button";
    made.textContent = label;
    if (describedBy) {
      made.setAttribute("aria-describedby", describedBy);
    }
    return made;
  }

  document.querySelectorAll("a[data-copy-link]").forEach(function (link) {
    var copier = button("复制链接", link.getAttribute("aria-describedby"));
    copier.addEventListener("click", function () {
      copy(link.href, function () { say("已复制本节链接"); }, function () {
        window.location.hash = link.hash;  // the address bar now holds the section's link
        say("未能复制：本节链接已在地址栏中，请从那里复制");
      });
    });
    link.replaceWith(copier);
  });

  var citation = document.querySelector("[data-copy-citation]");
  if (citation) {
    var copier = button("复制引用");
    copier.addEventListener("click", function () {
      copy(citation.textContent.trim(), function () { say("已复制引用"); }, function () {
        window.getSelection().selectAllChildren(citation);
        say("未能复制：引用已选中，请按 Ctrl+C 复制");
      });
    });
    citation.after(" ", copier);
  }
})();
