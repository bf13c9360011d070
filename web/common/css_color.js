// A colour from the page's CSS custom properties (--text, --accent, ...), read at draw
// time so charts follow light and dark mode; `fallback` when the property is unset.
export function css_color(element, name, fallback) {
    return getComputedStyle(element).getPropertyValue(name).trim() || fallback;
}
