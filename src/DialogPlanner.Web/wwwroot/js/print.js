// Print buttons are hidden in the markup so that without script no dead button is shown.
document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
});
