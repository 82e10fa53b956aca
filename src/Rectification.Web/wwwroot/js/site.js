// Behaviour for the whole site. No inline scripts anywhere: pages use data- attributes handled here.
(function () {
    "use strict";

    // <button data-confirm="…">: ask before submitting a form that changes something important.
    document.addEventListener("submit", function (event) {
        var submitter = event.submitter;
        var message = (submitter && submitter.getAttribute("data-confirm")) || event.target.getAttribute("data-confirm");
        if (message && !window.confirm(message)) {
            event.preventDefault();
        }
    });

    // <select data-autosubmit>: filters that apply as soon as they change.
    document.addEventListener("change", function (event) {
        if (event.target.matches("[data-autosubmit]")) {
            event.target.form.requestSubmit();
        }
    });

    // <input type="checkbox" data-check-all="form-id">: ticks or clears every row's box of that form on the page.
    document.addEventListener("change", function (event) {
        var formId = event.target.getAttribute("data-check-all");
        if (formId) {
            document.querySelectorAll("input[type=checkbox][form=\"" + formId + "\"]").forEach(function (box) {
                box.checked = event.target.checked;
            });
        }
    });

    // <button data-add-row="#template-id" data-target="#tbody-id">: add another row from a <template>,
    // numbering its inputs (__index__) so model binding sees a list.
    document.addEventListener("click", function (event) {
        var button = event.target.closest("[data-add-row]");
        if (!button) {
            return;
        }
        var template = document.querySelector(button.getAttribute("data-add-row"));
        var target = document.querySelector(button.getAttribute("data-target"));
        var index = target.querySelectorAll("[data-row]").length;
        var html = template.innerHTML.replace(/__index__/g, String(index));
        target.insertAdjacentHTML("beforeend", html);
        var first = target.lastElementChild.querySelector("input, textarea, select");
        if (first) {
            first.focus();
        }
    });
})();

// The bell's unread count, fetched after the page so pages themselves need no extra query.
(function () {
    "use strict";
    var badge = document.querySelector("[data-bell-count]");
    if (!badge || !window.fetch) {
        return;
    }
    fetch("/Notifications/Count", { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) {
            if (data && data.unread > 0) {
                badge.textContent = String(data.unread);
                badge.classList.remove("d-none");
            }
        })
        .catch(function () { /* the bell stays quiet; the list page still works */ });
})();
