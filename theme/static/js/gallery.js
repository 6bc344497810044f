// Galleries in stories: a viewer over the grid, as a progressive enhancement.
// Without JavaScript each photo links to its large version. With it, a photo
// opens in the page's <dialog class="viewer">: arrow keys move between photos
// (mirrored in right-to-left pages), Escape or the Close button closes it and
// focus returns to the photo that opened it.
const viewer = document.querySelector(".viewer");
if (viewer && viewer.showModal) {
  const frame = viewer.querySelector(".viewer__frame");
  const caption = viewer.querySelector(".viewer__caption");
  const position = viewer.querySelector(".viewer__position");
  let photos = [];
  let current = 0;

  const show = (index) => {
    current = (index + photos.length) % photos.length;
    const link = photos[current];
    // The thumbnail's <picture>, with every format, sized for the whole screen.
    const picture = link.querySelector("picture").cloneNode(true);
    picture.querySelectorAll("source, img").forEach((element) => element.setAttribute("sizes", "100vw"));
    const image = picture.querySelector("img");
    image.removeAttribute("loading");
    image.className = "viewer__image";
    frame.replaceChildren(picture);
    const text = link.closest("figure").querySelector("figcaption");
    caption.textContent = text ? text.textContent : "";
    position.textContent = viewer.dataset.position
      .replace("{number}", current + 1)
      .replace("{count}", photos.length);
  };

  document.querySelectorAll(".gallery").forEach((gallery) => {
    const links = [...gallery.querySelectorAll("figure > a")];
    links.forEach((link, index) => {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        photos = links;
        show(index);
        viewer.showModal();
      });
    });
  });

  const rtl = document.documentElement.dir === "rtl";
  viewer.querySelector(".viewer__previous").addEventListener("click", () => show(current - 1));
  viewer.querySelector(".viewer__next").addEventListener("click", () => show(current + 1));
  viewer.querySelector(".viewer__close").addEventListener("click", () => viewer.close());
  viewer.addEventListener("keydown", (event) => {
    const forward = rtl ? "ArrowLeft" : "ArrowRight";
    const back = rtl ? "ArrowRight" : "ArrowLeft";
    if (event.key === forward) show(current + 1);
    else if (event.key === back) show(current - 1);
    else return;
    event.preventDefault();
  });
  // A click on the backdrop (outside the dialog's box) closes it too.
  viewer.addEventListener("click", (event) => {
    if (event.target === viewer) viewer.close();
  });
  viewer.addEventListener("close", () => frame.replaceChildren());
}
