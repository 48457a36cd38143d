// Finishes a GitHub sign-in: the control plane's page holds the new API token once; the web UI
// keeps it in this browser's storage and goes home. No inline script, so the page's CSP can forbid them.
(function () {
  var token = document.getElementById("token");
  var tokenId = document.getElementById("token-id");
  if (!token) return;
  try {
    localStorage.setItem("codinspect.token", token.textContent.trim());
    if (tokenId) localStorage.setItem("codinspect.tokenId", tokenId.textContent.trim());
    location.replace("/");
  } catch (e) {
    document.getElementById("hint").hidden = false;
  }
})();
