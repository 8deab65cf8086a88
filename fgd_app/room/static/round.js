// Room mode rounds: the live channel (server-sent events), the countdown and the dot counter.
// Without this script the page still works: the form sends, the server checks every limit.
(function () {
  var live = document.getElementById("live");
  if (live && window.EventSource) {
    var source = new EventSource("/events");
    source.onmessage = function (event) {
      var state = JSON.parse(event.data);
      var key = state.round ? state.round + ":" + state.state : "none";
      if (key !== live.dataset.key) {
        // the round opened or closed: show it (at most one reload every 2 s, so never a reload loop)
        var wait = Math.max(0, Number(sessionStorage.getItem("fgd_reload") || 0) + 2000 - Date.now());
        source.close();
        setTimeout(function () {
          sessionStorage.setItem("fgd_reload", String(Date.now()));
          location.replace("/round");
        }, wait);
        return;
      }
      var count = document.getElementById("count");
      if (count) { count.textContent = state.count; }
    };
  }
  var timer = document.getElementById("timer");
  if (timer) {
    var end = Date.now() + Number(timer.dataset.seconds) * 1000;
    var tick = function () {
      var left = Math.max(0, Math.round((end - Date.now()) / 1000));
      timer.textContent = left > 0 ? Math.floor(left / 60) + ":" + ("0" + (left % 60)).slice(-2) : timer.dataset.up;
      timer.className = left <= 10 ? "late" : "";
      if (left > 0) { setTimeout(tick, 500); }
    };
    tick();
  }
  var form = document.getElementById("round-form");
  if (form && form.querySelector(".stepper")) {
    var dots = Number(form.dataset.dots), most = Number(form.dataset.most);
    var inputs = Array.prototype.slice.call(form.querySelectorAll(".stepper input"));
    var update = function () {
      var used = inputs.reduce(function (sum, input) { return sum + (Number(input.value) || 0); }, 0);
      document.getElementById("left").textContent = dots - used;
      form.classList.toggle("over", used > dots);
      inputs.forEach(function (input) {
        var row = input.parentNode;
        row.querySelector('[data-step="1"]').disabled = used >= dots || Number(input.value) >= most;
        row.querySelector('[data-step="-1"]').disabled = !(Number(input.value) > 0);
        row.parentNode.classList.toggle("given", Number(input.value) > 0);
      });
    };
    form.addEventListener("click", function (event) {
      var button = event.target.closest(".step");
      if (!button) { return; }
      var input = button.parentNode.querySelector("input");
      input.value = Math.max(0, Math.min(most, (Number(input.value) || 0) + Number(button.dataset.step)));
      update();
    });
    form.addEventListener("input", update);
    update();
  }
})();
