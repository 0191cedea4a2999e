// The console's own script (no inline script: the pages' CSP allows only this site's files).
document.querySelectorAll("[data-print]").forEach((b) => b.addEventListener("click", () => window.print()));

// A live part of a page (the member search, an import's progress) whose request fails says so, once, in the
// page's alert; a poll that failed stops (hx-disable): its job is gone (the console restarted) or the service
// is down, and the last figures shown stay, marked as possibly old by the message.
const requestError = document.getElementById("request-error");
if (requestError) {
  const say = (text) => {
    requestError.textContent = text;
    requestError.hidden = false;
  };
  const stopPolling = (elt) => {
    if (elt && (elt.getAttribute("hx-trigger") || "").startsWith("every")) elt.setAttribute("hx-disable", "");
  };
  document.body.addEventListener("htmx:responseError", (e) => {
    stopPolling(e.detail.elt);
    say(requestError.dataset.failed);
  });
  document.body.addEventListener("htmx:sendError", (e) => {
    stopPolling(e.detail.elt);
    say(requestError.dataset.offline);
  });
  document.body.addEventListener("htmx:afterRequest", (e) => {
    if (e.detail.successful && !requestError.hidden) requestError.hidden = true;
  });
}

// A form sent is sent once: its button says so ("Đang gửi…") and a second tap is not sent, until the next
// page. On a phone over 3G nothing moved for seconds, and a second tap sent the form again: a registration
// answered "already registered", a reversal a refusal, though the first had been made. A page shown again from
// the history works again, and so does one left as it was (a download) after a while.
const sendingLabel = document.body.dataset.sending;
const release = (form) => {
  delete form.dataset.sent;
  form.querySelectorAll("[data-sending-label]").forEach((b) => {
    b.textContent = b.dataset.sendingLabel;
    delete b.dataset.sendingLabel;
  });
};
document.querySelectorAll('form[method="post"]').forEach((form) => {
  form.addEventListener("submit", (e) => {
    if (form.dataset.sent) {
      e.preventDefault();
      return;
    }
    form.dataset.sent = "1";
    const button = e.submitter;
    if (button && sendingLabel && !button.dataset.sendingLabel) {
      button.dataset.sendingLabel = button.textContent;
      setTimeout(() => { button.textContent = sendingLabel; }, 0);  // after the form's values are taken
    }
    setTimeout(() => release(form), 15000);
  });
});
window.addEventListener("pageshow", () => document.querySelectorAll("form[data-sent]").forEach(release));
