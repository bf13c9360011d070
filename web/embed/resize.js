// Auto-resize for embeddings: only when framed, the page posts its content height to the
// parent whenever it changes, in three formats at once so common hosts need no script
// of ours:
//   { context: 'h5p', action: 'resize', scrollHeight }   H5P's iframe resizer (h5p-resizer.js)
//   { subject: 'lti.frameResize', height }               Canvas LMS (and other LTI hosts)
//   { type: 'relu-lab:resize', version: 1, height }      our own (web/docs/embedding.md)
// A parent that started listening late (relu-lab-resizer.js on a course page) asks with
// { type: 'relu-lab:get-height' } and gets the height again.
// At most one post per interval (trailing, so the final height is always sent), and none
// when the height did not change.
const min_interval_ms = 100;

export function content_height(doc) {
    // The layout height of the content, not the viewport: inside an iframe scrollHeight
    // never drops below the frame's own height, so shrinking would never be reported.
    return Math.ceil(doc.documentElement.getBoundingClientRect().height);
}

export function start_resize_reporting(doc, { post, framed, parent_origin = null }) {
    if (!framed) return { report_now() {} };
    let last_height = -1;
    let last_post_ms = -Infinity;
    let timer = null;

    function send() {
        timer = null;
        const height = content_height(doc);
        if (height === last_height) return;
        last_height = height;
        last_post_ms = performance.now();
        post({ context: 'h5p', action: 'resize', scrollHeight: height });
        post({ subject: 'lti.frameResize', height });
        post({ type: 'relu-lab:resize', version: 1, height });
    }

    function schedule() {
        if (timer !== null) return;
        const wait_ms = Math.max(0, last_post_ms + min_interval_ms - performance.now());
        timer = setTimeout(send, wait_ms);
    }

    const observer = new ResizeObserver(schedule);
    observer.observe(doc.documentElement);
    observer.observe(doc.body);
    const win = doc.defaultView;
    win.addEventListener('load', schedule);
    function report_now() {
        last_height = -1;
        schedule();
    }
    // Only the type is read; the answer goes where every height goes (parent_poster).
    win.addEventListener('message', (event) => {
        if (event.source !== win.parent || (parent_origin && event.origin !== parent_origin)) return;
        const data = event.data;
        if (data !== null && typeof data === 'object' && !Array.isArray(data) && data.type === 'relu-lab:get-height')
            report_now();
    });
    schedule();
    return {
        // For a parent that asks again (get-height, get-state): resend even if unchanged.
        report_now,
    };
}
