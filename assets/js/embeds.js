// Click-to-load embeds (src/web/public/renderEmbedsForReaders.ts): nothing is requested from
// YouTube, X, Instagram or Facebook until the reader clicks the block; then its frame replaces
// the link. Without this script the link opens the post on the provider's site.
document.addEventListener('click', function (event) {
  var target = event.target;
  var link = target instanceof Element ? target.closest('figure.embed[data-frame] a.embed-load') : null;
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
  var figure = link.parentElement;
  event.preventDefault();
  var frame = document.createElement('iframe');
  frame.className = 'embed-frame';
  frame.src = figure.getAttribute('data-frame');
  frame.title = link.getAttribute('data-title') || '';
  frame.setAttribute('allow', 'autoplay; encrypted-media; picture-in-picture; fullscreen');
  frame.setAttribute('allowfullscreen', '');
  frame.setAttribute('referrerpolicy', 'strict-origin-when-cross-origin');
  link.replaceWith(frame);
  figure.classList.add('embed-loaded');
  frame.focus();
});
