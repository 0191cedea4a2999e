// The console's own script (no inline script: the pages' CSP allows only this site's files).
document.querySelectorAll("[data-print]").forEach((b) => b.addEventListener("click", () => window.print()));
