// isq live room: the DOM helpers both pages share (participant room.js, trainer.js).
// Text is only ever set with textContent (never parsed as HTML), so a team or answer such
// as <script>…</script> is shown, never run.
"use strict";
window.isqDom = Object.freeze({
  $: (id) => document.getElementById(id),
  el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  },
});
