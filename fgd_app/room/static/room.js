// Room mode: one tap sends a form once (the button is disabled while the laptop answers).
// The pages work without this script; every form already carries its own id, so a retry is stored once.
document.addEventListener("submit", function (event) {
  var button = event.target.querySelector("button[type=submit]");
  if (button) { setTimeout(function () { button.disabled = true; }, 0); }
});
