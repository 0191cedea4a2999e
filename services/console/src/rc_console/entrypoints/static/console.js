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
