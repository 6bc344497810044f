// "Copy link" on story pages: a progressive enhancement. Without JavaScript
// the button stays hidden and the plain share links still work.
document.querySelectorAll(".share__copy").forEach((button) => {
  if (!navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener("click", async () => {
    const status = button.closest(".share").querySelector(".share__status");
    try {
      await navigator.clipboard.writeText(button.dataset.url);
      status.textContent = button.dataset.done;
    } catch {
      status.textContent = button.dataset.url;
    }
  });
});
