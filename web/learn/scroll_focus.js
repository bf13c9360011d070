// A region that scrolls sideways (a wide formula or table on a phone) must be reachable
// with the keyboard, or its hidden part cannot be read (WCAG 2.1.1; axe's
// scrollable-region-focusable). One that fits gets no extra Tab stop. Sizes change with
// the viewport and with the examples' contents, so both are watched.
const scroller_selector = '.learn-formula, .table-scroll';

export function keep_scrollers_focusable(root) {
    function update() {
        for (const scroller of root.querySelectorAll(scroller_selector)) {
            if (scroller.scrollWidth > scroller.clientWidth + 1) scroller.tabIndex = 0;
            else scroller.removeAttribute('tabindex');
        }
    }
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(update) : null;
    for (const scroller of root.querySelectorAll(scroller_selector)) {
        observer?.observe(scroller);
        if (scroller.firstElementChild) observer?.observe(scroller.firstElementChild);
    }
    update();
    return { update, disconnect: () => observer?.disconnect() };
}
