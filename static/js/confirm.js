/* A form with data-confirm="question" asks before it is sent: a <dialog> with the question, the
   form's own words for yes (data-confirm-yes) and Cancel. Yes sends the form with confirmed=yes;
   without JavaScript the server asks the same question on a page of its own. */
(function () {
  "use strict";
  var dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") return;
  var question = dialog.querySelector("[data-confirm-question]");
  var detail = dialog.querySelector("[data-confirm-detail]");
  var yes = dialog.querySelector("[data-confirm-yes]");
  var pending = null;

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-confirm")) return;
    if (form.querySelector('input[name="confirmed"]')) return;
    if (typeof form.reportValidity === "function" && !form.reportValidity()) return;
    event.preventDefault();
    pending = form;
    question.textContent = form.getAttribute("data-confirm");
    detail.textContent = form.getAttribute("data-confirm-detail") || "";
    yes.textContent = form.getAttribute("data-confirm-yes") || yes.getAttribute("data-default");
    yes.className = form.hasAttribute("data-confirm-danger") ? "btn btn-danger" : "btn btn-primary";
    dialog.showModal();
    yes.focus();
  }, true);

  yes.addEventListener("click", function () {
    if (!pending) return;
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = "confirmed";
    input.value = "yes";
    pending.appendChild(input);
    dialog.close();
    var form = pending;
    pending = null;
    HTMLFormElement.prototype.submit.call(form);
  });
  dialog.addEventListener("close", function () { pending = null; });
})();
