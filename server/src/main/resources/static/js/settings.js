// The settings page: show a newly created API key once, and clear the password form after a change.
document.getElementById("new-key").addEventListener("easel:done", event => {
  const box = document.getElementById("new-key-secret");
  box.querySelector("code").textContent = event.detail.secret;
  box.hidden = false;
});
document.getElementById("password-form").addEventListener("easel:done", event => {
  event.target.reset();
});
