// A y-axis title that fits beside a short chart: Chart.js draws a title on one line and
// clips what runs past the chart's height, as "Gradientennorm (logarithmische Skala)"
// did beside the trainer's charts. A title longer than `max_chars` is broken
// at the space that makes its two lines most even (Chart.js draws an array as lines);
// a title without spaces stays whole.
export function axis_title_lines(text, max_chars = 22) {
    if (text.length <= max_chars) return text;
    let best = null;
    for (let at = text.indexOf(' '); at > 0; at = text.indexOf(' ', at + 1)) {
        const longer = Math.max(at, text.length - at - 1);
        if (best === null || longer < best.longer) best = { at, longer };
    }
    return best === null ? text : [text.slice(0, best.at), text.slice(best.at + 1)];
}
